import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { connectionStringFor, createDatabase, dropDatabase } from '../shared/bench-server';
import { POOL_SIZE } from './bench-config';

/** A fresh database per run, so plans, caches and table sizes start the same every time. */
export async function createBenchDatabase(): Promise<string> {
  return createDatabase(`bench_proj_${randomBytes(4).toString('hex')}`);
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await dropDatabase(name, /^bench_proj_[0-9a-f]{8}$/);
}

/** An idle client's error (the server ending it) is logged, not thrown. */
export function createBenchPool(database: string, label: string, max: number = POOL_SIZE): Pool {
  const pool = new Pool({ connectionString: connectionStringFor(database), max });
  pool.on('error', (error) => console.error(`[${label}] idle pool client: ${error.message}`));
  return pool;
}
