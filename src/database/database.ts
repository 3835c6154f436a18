import { Logger } from '@nestjs/common';
import { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { assertLogBelongsToCluster } from './log-cluster-guard';
import { runMigrations } from './migration-runner';
import { poolOptions } from './pool-options';

export type DatabaseMode = 'embedded' | 'external';

/** The pg pool every part of the app uses, over the machine's server or embedded PGlite. */
export class Database {
  private static readonly logger = new Logger('Database');

  private constructor(
    readonly pool: Pool,
    readonly mode: DatabaseMode,
    private readonly embedded: EmbeddedPostgres | null,
  ) {}

  static async open(config: AppConfig): Promise<Database> {
    const embedded = config.databaseUrl
      ? null
      : await EmbeddedPostgres.start({
          dataDir: `${config.dataDir}/pg`,
          port: config.embeddedPgPort,
          maxConnections: config.dbPoolMax + 2,
        });
    const pool = new Pool(poolOptions(config, config.databaseUrl ?? embedded!.connectionString));
    if (embedded) Database.logger.log(`embedded PostgreSQL (PGlite) in ${config.dataDir}/pg, serving ${embedded.connectionString}`);
    // An idle client can fail (server restart); the pool drops it and the next query reconnects.
    pool.on('error', (error) => Database.logger.warn(`idle database client failed: ${error.message}`));
    const database = new Database(pool, embedded ? 'embedded' : 'external', embedded);
    try {
      if (config.migrateOnBoot) await database.migrate();
      await assertLogBelongsToCluster(pool);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }

  async migrate(): Promise<string[]> {
    const applied = await runMigrations(this.pool);
    if (applied.length > 0) Database.logger.log(`applied migrations: ${applied.join(', ')}`);
    return applied;
  }

  async describe(): Promise<{ mode: DatabaseMode; name: string; server: string }> {
    const { rows } = await this.pool.query<{ name: string; version: string }>('SELECT current_database() AS name, version() AS version');
    const server = this.embedded ? `PGlite (${shortVersion(rows[0].version)})` : shortVersion(rows[0].version);
    return { mode: this.mode, name: rows[0].name, server };
  }

  async close(): Promise<void> {
    await this.pool.end();
    await this.embedded?.stop();
  }
}

function shortVersion(version: string): string {
  return /^PostgreSQL [\d.]+/.exec(version)?.[0] ?? version;
}
