/** A minimum gap between two submissions to one directory domain. */
export interface Politeness {
  /** Resolves true when the caller's slot is reached, false when aborted first. */
  wait(domain: string, signal?: AbortSignal): Promise<boolean>;
  close(): Promise<void>;
}

/** Per-domain minimum gap between submissions, in this process. Reservations are made in call order. */
export class DomainPoliteness implements Politeness {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly gapMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the caller must wait before acting on `domain`; reserves its slot. */
  reserve(domain: string): number {
    if (this.gapMs <= 0) return 0;
    const now = this.now();
    const key = domain.trim().toLowerCase();
    const slot = Math.max(now, this.nextFree.get(key) ?? 0);
    this.nextFree.set(key, slot + this.gapMs);
    if (this.nextFree.size > 5_000) this.prune(now);
    return slot - now;
  }

  async wait(domain: string, signal?: AbortSignal): Promise<boolean> {
    return abortableDelay(this.reserve(domain), signal);
  }

  async close(): Promise<void> {}

  private prune(now: number): void {
    for (const [key, free] of this.nextFree) if (free <= now) this.nextFree.delete(key);
  }
}

/** Resolves true after `delayMs`, false if `signal` aborts first. */
export function abortableDelay(delayMs: number, signal?: AbortSignal): Promise<boolean> {
  if (delayMs <= 0 || signal?.aborted) return Promise.resolve(!signal?.aborted);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, delayMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
