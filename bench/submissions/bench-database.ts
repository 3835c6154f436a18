import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';
import { connectionStringFor, createDatabase, dropDatabase } from '../shared/bench-server';

const NAME = /^bench_sub_[0-9a-f]{8}$/;

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: Pool;
}

/** A fresh, migrated database per level: every level starts on an empty log and empty tables. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = await createDatabase(`bench_sub_${randomBytes(4).toString('hex')}`);
  const url = connectionStringFor(name);
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', (error) => console.error(`[bench pool] idle client: ${error.message}`));
  await runMigrations(pool);
  return { name, url, pool };
}

export async function dropBenchDatabase(db: BenchDatabase): Promise<void> {
  await db.pool.end().catch(() => undefined);
  await dropDatabase(db.name, NAME);
}
