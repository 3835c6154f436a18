import type { Pool } from 'pg';

/**
 * `pg_notify(channel)` with at most one in flight: signals raised meanwhile share the next one.
 * Sent outside the writer's transaction, so commits never queue on the server-wide notify lock;
 * a failed NOTIFY is dropped (listeners poll as the fallback).
 */
export class CoalescedNotify {
  private inFlight: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  send(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.inFlight = null;
        if (this.again) {
          this.again = false;
          this.send();
        }
      });
  }

  /** Resolves when no NOTIFY is owed any more (before the pool closes). */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }
}
