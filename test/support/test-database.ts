import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';

/** The machine's server, as an admin that may CREATE DATABASE. Overridable for other hosts. */
export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

/** Refuses to touch a database whose name lacks "test", whatever the caller asked for. */
export function assertTestDatabaseName(name: string): void {
  if (!/test/i.test(name)) throw new Error(`Refusing to use database "${name}": test databases must have "test" in their name`);
}

export async function createTestDatabase(prefix = 'dbolt_test', migrate = true): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  assertTestDatabaseName(name);
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 20 });
  // DROP ... WITH (FORCE) ends clients still checked out by a failed test; don't crash the run.
  pool.on('error', () => undefined);
  if (migrate) await runMigrations(pool);
  return {
    name,
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
