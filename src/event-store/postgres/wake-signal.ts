import type { Pool, PoolClient } from 'pg';

export const EVENTS_CHANNEL = 'dbolt_events';

/**
 * Wakes waiting subscribers when events may have been committed: in-process after our own
 * appends (PGlite does not carry NOTIFY across connections) and, on a real server, through
 * LISTEN so appends from other processes wake us too. Polling stays as the fallback.
 */
export class WakeSignal {
  private waiters = new Set<() => void>();
  private listener: PoolClient | null = null;
  private listening = false;
  private closed = false;

  constructor(private readonly pool: Pool, private readonly listen: boolean) {}

  notify(): void {
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void> {
    this.ensureListening();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    const listener = this.listener;
    this.listener = null;
    if (listener) {
      await listener.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
      listener.release();
    }
  }

  private ensureListening(): void {
    if (!this.listen || this.listening || this.closed) return;
    this.listening = true;
    this.startListener().catch(() => this.retryListenerLater());
  }

  private async startListener(): Promise<void> {
    const client = await this.pool.connect();
    if (this.closed) {
      client.release();
      return;
    }
    client.on('notification', () => this.notify());
    client.on('error', () => {
      if (this.listener === client) this.listener = null;
      client.release(true);
      this.retryListenerLater();
    });
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.listener = client;
  }

  private retryListenerLater(): void {
    this.listening = false;
    if (!this.closed) setTimeout(() => this.ensureListening(), 1000).unref();
  }
}
