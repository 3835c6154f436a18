import type { Priority } from '../queue/queue.port';

export interface WorkerReading {
  readonly workerId: string;
  /** Since its last heartbeat, by the evaluator's clock. */
  readonly silentMs: number;
  /** Its consumer's circuit breaker, as its last heartbeat reported it. */
  readonly breakerOpen: boolean;
}

export interface ProjectionReading {
  readonly name: string;
  readonly lagEvents: number;
  readonly lagSeconds: number;
}

/**
 * What the rules look at, read once per evaluation. A source that could not be read is null: its
 * rules say nothing that tick, so an unreadable queue neither fires nor resolves anything.
 */
export interface AlertReadings {
  readonly deadLetters: number | null;
  /** Waiting (visible + delayed) per tier. */
  readonly queueDepth: Readonly<Record<Priority, number>> | null;
  /** Worker processes that have not stopped cleanly. */
  readonly workers: readonly WorkerReading[] | null;
  /** Attempts finished in the error-rate window: those that failed (or were retried), of all. */
  readonly attempts: { readonly failed: number; readonly total: number } | null;
  /** Projections whose lag can be measured. */
  readonly projections: readonly ProjectionReading[] | null;
}
