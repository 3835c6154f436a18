import { Pool } from 'pg';
import { POOL_SIZE } from './bench-config';

/**
 * The pool each store gets. An idle client's error (the server ending it) must not crash the
 * child: it is logged, not thrown.
 */
export function createBenchPool(connectionString: string, label: string): Pool {
  const pool = new Pool({ connectionString, max: POOL_SIZE });
  pool.on('error', (error) => console.error(`[${label}] idle pool client: ${error.message}`));
  return pool;
}
