import type { BreakerSnapshot } from '../queue/circuit-breaker';
import type { ConcurrencyGovernor, MachineSampler } from './concurrency-governor';

export interface ConsumerOptions {
  /** Fixed, or the most the governor may choose. */
  readonly concurrency: number;
  /** Adapts concurrency to the machine's CPU and memory; absent = fixed at `concurrency`. */
  readonly autoscale?: { readonly governor: ConcurrencyGovernor; readonly sampler: MachineSampler; readonly everyMs: number };
  readonly receiveWaitMs: number;
  readonly visibilityTimeoutMs: number;
  readonly agingMs: number;
  readonly breakerThreshold: number;
  readonly breakerCooldownMs: number;
  readonly heartbeatIntervalMs: number;
  readonly onError: (what: string, error: unknown) => void;
}

export interface ConsumerStats {
  readonly workerId: string;
  readonly inFlight: number;
  /** Submissions it may run at once now. */
  readonly concurrency: number;
  readonly received: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly deadLettered: number;
  readonly released: number;
  readonly breaker: BreakerSnapshot;
}
