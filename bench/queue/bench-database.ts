import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';
import { connectionStringFor, createDatabase, dropDatabase } from '../shared/bench-server';

const NAME_PATTERN = /^bench_queue_[0-9a-f]{8}$/;

/** A fresh, migrated database per run, so plans, caches and table sizes start the same every time. */
export async function createBenchDatabase(): Promise<string> {
  const name = await createDatabase(`bench_queue_${randomBytes(4).toString('hex')}`);
  const pool = new Pool({ connectionString: connectionStringFor(name), max: 1 });
  try {
    await runMigrations(pool);
  } finally {
    await pool.end();
  }
  return name;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await dropDatabase(name, NAME_PATTERN);
}
