import { Client, type Pool } from 'pg';
import { CoalescedNotify } from '../../database/coalesced-notify';
import { Waiters } from '../../shared/waiters';

export const QUEUE_CHANNEL = 'dbolt_queue';
const RELISTEN_DELAY_MS = 1000;

/**
 * Wakes long-polling receivers when messages may have become visible: in-process at once (PGlite
 * does not carry NOTIFY across connections) and, with `listen`, across processes through
 * NOTIFY/LISTEN on one dedicated connection. Receivers keep polling as the fallback.
 */
export class QueueWake {
  private readonly waiters = new Waiters();
  private generation = 0;
  private listener: Client | null = null;
  private relisten: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly notifier: CoalescedNotify;

  constructor(private readonly pool: Pool, private readonly listen: boolean) {
    this.notifier = new CoalescedNotify(pool, QUEUE_CHANNEL);
  }

  /** Changes on every wake-up: a receiver that saw it change since its query must look again. */
  get version(): number {
    return this.generation;
  }

  /** Messages may be visible now: wake local receivers, and other processes if listening. */
  changed(): void {
    this.notify();
    if (this.listen) this.notifier.send();
  }

  /** Resolves at once if woken since `seen`, else on the next wake-up or after `timeoutMs`. */
  wait(seen: number, timeoutMs: number): Promise<void> {
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
      await client.query(`LISTEN ${QUEUE_CHANNEL}`);
      if (this.closed) await this.dropListener(client, false);
    } catch {
      await this.dropListener(client, true);
    }
  }

  /** Ends the LISTEN connection and wakes every waiter; sends a NOTIFY still owed first. */
  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    if (this.relisten) clearTimeout(this.relisten);
    await this.notifier.flush();
    if (this.listener) await this.dropListener(this.listener, false);
  }

  private notify(): void {
    this.generation += 1;
    this.waiters.wakeAll();
  }

  private async dropListener(client: Client, retry: boolean): Promise<void> {
    if (this.listener !== client) return;
    this.listener = null;
    client.removeAllListeners('notification');
    client.on('error', () => undefined); // a dying client may still emit
    await client.end().catch(() => undefined);
    // Notifications may have been missed while disconnected: let receivers look again.
    this.notify();
    if (retry && !this.closed) {
      this.relisten = setTimeout(() => void this.start(), RELISTEN_DELAY_MS);
      this.relisten.unref();
    }
  }
}
