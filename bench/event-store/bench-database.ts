import { randomBytes } from 'node:crypto';
import { createDatabase, dropDatabase } from '../shared/bench-server';
import type { StoreLabel } from './bench-types';

export { connectionStringFor, serverVersion } from '../shared/bench-server';

/** A fresh database per store, so the two never share tables, caches of plans or sizes. */
export async function createBenchDatabase(store: StoreLabel): Promise<string> {
  return createDatabase(`bench_es_${store}_${randomBytes(4).toString('hex')}`);
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await dropDatabase(name, /^bench_es_[a-z]+_[0-9a-f]{8}$/);
}
