import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { StoreLabel } from './bench-types';

const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function connectionStringFor(database: string): string {
  return `${SERVER}/${database}`;
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: connectionStringFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database per store, so the two never share tables, caches of plans or sizes. */
export async function createBenchDatabase(store: StoreLabel): Promise<string> {
  const name = `bench_es_${store}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  return name;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  if (!/^bench_es_[a-z]+_[0-9a-f]{8}$/.test(name)) throw new Error(`Refusing to drop "${name}"`);
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function serverVersion(): Promise<string> {
  return withAdminClient(async (client) => {
    const { rows } = await client.query<{ version: string }>('SELECT version() AS version');
    return rows[0].version;
  });
}
