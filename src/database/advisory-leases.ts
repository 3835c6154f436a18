import type { Pool, PoolClient } from 'pg';

/**
 * Session advisory locks held on one dedicated connection: whoever holds a name's lock is its
 * only runner across processes (one per projection, one per reaction). If that connection dies,
 * every lease it held is gone; runners see `isHeld` turn false and stand down.
 */
export class AdvisoryLeases {
  private client: PoolClient | null = null;
  /** Shared while connecting, so runners starting together do not each open (and leak) one. */
  private connecting: Promise<PoolClient> | null = null;
  private readonly held = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  async tryAcquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const { rows } = await this.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', name);
    if (rows[0].ok) this.held.add(name);
    return rows[0].ok;
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name) || !this.client) return;
    await this.query('SELECT pg_advisory_unlock(hashtext($1))', name).catch(() => undefined);
  }

  /** One query at a time on the shared connection (pg deprecates overlapping client.query calls). */
  private query<Row extends object>(sql: string, name: string): Promise<{ rows: Row[] }> {
    const run = this.queue.then(async () => (await this.connection()).query<Row>(sql, [name]));
    this.queue = run.then(() => undefined, () => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.held.clear();
    const client = this.client;
    this.client = null;
    client?.release();
  }

  private connection(): Promise<PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    client.on('error', () => {
      if (this.client !== client) return;
      this.client = null;
      this.held.clear();
      client.release(true);
    });
    this.client = client;
    return client;
  }
}
