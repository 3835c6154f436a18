import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler expects back from a hit (the library does not export the type itself). */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export type Clock = () => number;

/** The throttler's storage, closable, with one rule for every adapter: fixed windows. */
export interface RateLimitStorage extends ThrottlerStorage {
  close(): Promise<void>;
}

/**
 * A fixed window's count as the throttler wants it. Over the limit the caller is refused until the
 * window ends, so Retry-After is the window's remaining time (whole seconds, at least 1).
 */
export function windowRecord(hits: number, msLeft: number, limit: number): ThrottlerStorageRecord {
  const seconds = Math.max(1, Math.ceil(msLeft / 1000));
  const isBlocked = hits > limit;
  return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
}

const SWEEP_EVERY = 1000;

/** Counts in this process's memory: the default without Redis, and the fallback while Redis is down. */
export class MemoryRateLimitStorage implements RateLimitStorage {
  private readonly windows = new Map<string, { hits: number; endsAt: number }>();
  private calls = 0;

  constructor(private readonly now: Clock = Date.now) {}

  /** blockDuration is not used: a refused caller waits for the window's end (see windowRecord). */
  async increment(key: string, ttlMs: number, limit: number): Promise<ThrottlerStorageRecord> {
    return this.hit(key, ttlMs, limit);
  }

  hit(key: string, ttlMs: number, limit: number): ThrottlerStorageRecord {
    const now = this.now();
    this.calls += 1;
    if (this.calls % SWEEP_EVERY === 0) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttlMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return windowRecord(window.hits, window.endsAt - now, limit);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  /** Ended windows go, so one-off callers (scanners, spoofed keys) do not pile up. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) this.windows.delete(key);
    }
  }
}
