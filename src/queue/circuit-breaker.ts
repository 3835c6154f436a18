export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerSnapshot {
  readonly name: string;
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  readonly openedAt: Date | null;
  readonly timesOpened: number;
  readonly lastError: string | null;
}

export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';

  constructor(
    breaker: string,
    readonly retryInMs: number,
  ) {
    super(`circuit ${breaker} is open; next trial in ${retryInMs} ms`);
  }
}

/**
 * Stops a consuming loop from hammering a queue or database that is down: opens after
 * `threshold` consecutive failures, lets one trial call through after `cooldownMs`
 * (half-open), closes on its success and re-opens on its failure.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private failures = 0;
  private openedAt: number | null = null;
  private opened = 0;
  private lastError: string | null = null;
  private trialInFlight = false;

  constructor(
    readonly name: string,
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async run<T>(call: () => Promise<T>): Promise<T> {
    this.admit();
    try {
      const result = await call();
      this.succeeded();
      return result;
    } catch (error) {
      this.failed(error);
      throw error;
    } finally {
      this.trialInFlight = false;
    }
  }

  /** How long a caller should wait before the breaker admits a call (0 = now). */
  waitMs(): number {
    if (this.state !== 'open' || this.openedAt === null) return 0;
    return Math.max(0, this.openedAt + this.cooldownMs - this.now());
  }

  snapshot(): BreakerSnapshot {
    const { name, state, failures, openedAt, opened, lastError } = this;
    return {
      name,
      state,
      consecutiveFailures: failures,
      openedAt: openedAt === null ? null : new Date(openedAt),
      timesOpened: opened,
      lastError,
    };
  }

  private admit(): void {
    if (this.state === 'closed') return;
    const wait = this.waitMs();
    if (this.state === 'open' && wait === 0) this.state = 'half_open';
    if (this.state === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return;
    }
    throw new CircuitOpenError(this.name, Math.max(wait, 1));
  }

  private succeeded(): void {
    this.failures = 0;
    this.state = 'closed';
    this.openedAt = null;
  }

  private failed(error: unknown): void {
    this.failures += 1;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (this.state === 'half_open' || this.failures >= this.threshold) {
      if (this.state !== 'open') this.opened += 1;
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}
