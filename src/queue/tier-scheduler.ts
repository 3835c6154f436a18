import { PRIORITIES, type Priority } from './queue.port';

/**
 * The priority policy of every consumer, whichever queue adapter: strict P1 > P2 > P3, with
 * aging — a tier that has not been served for `agingMs` (and may have work) goes to the front
 * for the next receive. Under a sustained P1 stream P3 still gets a receive at least every
 * `agingMs`; when P1 is idle P3 is served at once. A tier counts as served when a receive
 * returned messages from it or found it empty while it was ahead in line.
 */
export class TierScheduler {
  private readonly lastServed = new Map<Priority, number>();

  constructor(
    private readonly agingMs: number,
    now: number,
  ) {
    for (const tier of PRIORITIES) this.lastServed.set(tier, now);
  }

  /** Preference order for the next receive. */
  order(now: number): Priority[] {
    const starved = PRIORITIES.filter((tier) => now - this.served(tier) >= this.agingMs).sort((a, b) => this.served(a) - this.served(b));
    return [...starved, ...PRIORITIES.filter((tier) => !starved.includes(tier))];
  }

  /** After a receive with `order`: which tier delivered (null if none did). */
  record(order: readonly Priority[], deliveredFrom: Priority | null, now: number): void {
    const reached = deliveredFrom === null ? order.length : order.indexOf(deliveredFrom) + 1;
    // Tiers ahead of the one that delivered were empty: nothing waits there, so they are not starving.
    for (const tier of order.slice(0, reached)) this.lastServed.set(tier, now);
  }

  private served(tier: Priority): number {
    return this.lastServed.get(tier) ?? 0;
  }
}
