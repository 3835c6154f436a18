import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrations } from '../../src/database/migration-runner';

export interface EmbeddedTestDatabase {
  readonly pool: Pool;
  readonly server: EmbeddedPostgres;
  drop(): Promise<void>;
}

/** A throwaway PGlite behind the wire protocol, migrated, exactly as embedded mode runs it. */
export async function createEmbeddedTestDatabase(): Promise<EmbeddedTestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dbolt-test-pglite-'));
  const server = await EmbeddedPostgres.start({ dataDir, port: 0, maxConnections: 12 });
  const pool = new Pool({ connectionString: server.connectionString, max: 10 });
  await runMigrations(pool);
  return {
    pool,
    server,
    drop: async () => {
      await pool.end();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
