import { Client } from 'pg';

/** The PostgreSQL server benchmarks run on; each benchmark makes its own databases there. */
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function connectionStringFor(database: string): string {
  return `${SERVER}/${database}`;
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: connectionStringFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(name: string): Promise<string> {
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  return name;
}

/** Drops only names a benchmark made (the pattern), never anything else on the server. */
export async function dropDatabase(name: string, pattern: RegExp): Promise<void> {
  if (!pattern.test(name)) throw new Error(`Refusing to drop "${name}"`);
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

export async function serverVersion(): Promise<string> {
  return withAdminClient(async (client) => (await client.query<{ version: string }>('SELECT version() AS version')).rows[0].version);
}
