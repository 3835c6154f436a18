import type { Pool } from 'pg';
import { CoalescedNotify } from '../../database/coalesced-notify';
import { Waiters } from '../../shared/waiters';

export const EVENTS_CHANNEL = 'dbolt_events';

/**
 * Wakes waiting subscribers when events may have been committed: in-process after our own
 * appends (PGlite does not carry NOTIFY across connections) and, on a real server with `listen`,
 * through NOTIFY/LISTEN across processes. Polling stays as the fallback.
 */
export class WakeSignal {
  private readonly waiters = new Waiters();
  private dropListener: ((clean: boolean) => Promise<void>) | null = null;
  private listening = false;
  private closed = false;
  private readonly notifier: CoalescedNotify;

  constructor(private readonly pool: Pool, private readonly listen: boolean) {
    this.notifier = new CoalescedNotify(pool, EVENTS_CHANNEL);
  }

  /** After our own append committed: wake local subscribers now, other processes shortly. */
  appended(): void {
    this.notify();
    if (this.listen) this.notifier.send();
  }

  notify(): void {
    this.waiters.wakeAll();
  }

  /** Resolves on the next notify or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void> {
    this.ensureListening();
    return this.waiters.wait(timeoutMs);
  }

  /** Sends what is still owed to other processes (the pool is open until our caller ends it). */
  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    await this.notifier.flush();
    await this.dropListener?.(true);
  }

  private ensureListening(): void {
    if (!this.listen || this.listening || this.closed) return;
    this.listening = true;
    this.startListener().catch(() => this.retryListenerLater()); // connect failed: nothing to release
  }

  private async startListener(): Promise<void> {
    const client = await this.pool.connect();
    if (this.closed) {
      client.release();
      return;
    }
    // A client can emit 'error' more than once, and close() can race it: release exactly once.
    let released = false;
    const drop = async (clean: boolean): Promise<void> => {
      if (released) return;
      released = true;
      this.dropListener = null;
      if (clean) await client.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
      client.release(!clean);
      if (!clean) this.retryListenerLater();
    };
    this.dropListener = drop;
    client.on('notification', () => this.notify());
    client.on('error', () => void drop(false));
    await client.query(`LISTEN ${EVENTS_CHANNEL}`).catch(() => drop(false));
  }

  private retryListenerLater(): void {
    this.listening = false;
    if (!this.closed) setTimeout(() => this.ensureListening(), 1000).unref();
  }
}
