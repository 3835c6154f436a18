import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { DataDirLock } from './data-dir-lock';
import { PgliteWireServer } from './pglite-wire-server';

export interface EmbeddedPostgresOptions {
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly maxConnections: number;
}

/**
 * PGlite served over the PostgreSQL wire protocol on 127.0.0.1, so the whole app talks `pg`
 * in embedded mode too. PGlite is a single backend: keep transactions short, since every other
 * connection waits while one holds a transaction.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PgliteWireServer,
    private readonly lock: DataDirLock,
    readonly connectionString: string,
  ) {}

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    mkdirSync(options.dataDir, { recursive: true });
    const lock = DataDirLock.acquire(options.dataDir);
    let db: PGlite | null = null;
    try {
      db = await PGlite.create({ dataDir: options.dataDir });
      const server = new PgliteWireServer(db, options.maxConnections);
      const port = await server.listen(options.port);
      return new EmbeddedPostgres(db, server, lock, `postgres://postgres@127.0.0.1:${port}/postgres`);
    } catch (error) {
      await db?.close();
      lock.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.close();
    await this.db.close();
    this.lock.release();
  }
}
