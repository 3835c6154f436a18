import { Client, type Pool } from 'pg';
import { Waiters } from '../shared/waiters';
import { CoalescedNotify } from './coalesced-notify';

const RELISTEN_DELAY_MS = 1000;

/**
 * Wakes waiters when something behind `channel` may have changed (events committed, messages
 * visible): in-process at once (PGlite does not carry NOTIFY across connections) and, with
 * `listen`, across processes through NOTIFY/LISTEN on one dedicated connection, reconnected when
 * lost. Waiters keep polling as the fallback, so a lost notification costs latency, not work.
 */
export class ChannelWake {
  private readonly waiters = new Waiters();
  private readonly notifier: CoalescedNotify;
  private generation = 0;
  private listener: Client | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly listen: boolean,
  ) {
    this.notifier = new CoalescedNotify(pool, channel);
  }

  /** Changes on every wake-up: a waiter that saw it change since its query must look again. */
  get version(): number {
    return this.generation;
  }

  /** Our own write committed: wake local waiters now, other processes shortly. */
  changed(): void {
    this.notify();
    if (this.listen) this.notifier.send();
  }

  /** Wakes local waiters only. */
  notify(): void {
    this.generation += 1;
    this.waiters.wakeAll();
  }

  /** Resolves at once if woken since `seen`, else on the next wake-up or after `timeoutMs`. */
  wait(timeoutMs: number, seen = this.generation): Promise<void> {
    if (!this.listener && !this.relisten) void this.start();
    if (this.closed || seen !== this.generation || timeoutMs <= 0) return Promise.resolve();
    return this.waiters.wait(timeoutMs);
  }

  /** Resolves once LISTEN is active or has failed (a failure retries in the background). */
  async start(): Promise<void> {
    if (!this.listen || this.closed || this.listener) return;
    const client = new Client(this.pool.options);
    this.listener = client;
    client.on('notification', () => this.notify());
    client.on('error', () => void this.dropListener(client, true));
    client.on('end', () => void this.dropListener(client, true));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.closed) await this.dropListener(client, false);
    } catch {
      await this.dropListener(client, true);
    }
  }

  /** Ends the LISTEN connection and wakes every waiter; sends a NOTIFY still owed first (the pool is still open). */
  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    if (this.relisten) clearTimeout(this.relisten);
    await this.notifier.flush();
    if (this.listener) await this.dropListener(this.listener, false);
  }

  private async dropListener(client: Client, retry: boolean): Promise<void> {
    if (this.listener !== client) return;
    this.listener = null;
    client.removeAllListeners('notification');
    client.on('error', () => undefined); // a dying client may still emit
    await client.end().catch(() => undefined);
    // Notifications may have been missed while disconnected: let waiters look again.
    this.notify();
    if (retry && !this.closed) {
      this.relisten = setTimeout(() => {
        this.relisten = null;
        void this.start();
      }, RELISTEN_DELAY_MS);
      this.relisten.unref();
    }
  }
}
