import type { BreakerSnapshot } from '../queue/circuit-breaker';
import type { SubmissionMessage } from '../queue/submission-message';
import type { ConcurrencyGovernor, MachineSampler } from './concurrency-governor';
import type { ProcessResult } from './submission-processor';
import type { HeartbeatSnapshot } from './worker-heartbeat';

/** What the consumer needs of the submission processor. */
export interface MessageProcessor {
  process(message: SubmissionMessage, signal: AbortSignal): Promise<ProcessResult>;
  /** Site answers held but not yet recorded: stop() waits for them. */
  unrecordedOutcomes(): number;
}

/** What the consumer needs of the worker's heartbeat row. */
export interface Heartbeat {
  readonly workerId: string;
  beat(snapshot: HeartbeatSnapshot): Promise<void>;
}

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
  /** After a message is settled, in its log context: the worker's line for that submission. */
  readonly onSettled?: (result: ProcessResult) => void;
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
