import type { ProjectionStatus } from '../../projections/runtime/projection-host';
import type { FleetCounts } from '../fleet/fleet.repository';
import type { ConsumerStats } from '../workers/queue-consumer.types';

export type Measured = Record<string, unknown>;
/** An advisory check's finding: `problem` set = degraded (still serving), never down. */
export type Finding = Measured & { readonly problem?: string };

export function workersFinding(counts: FleetCounts, staleAfterMs: number): Finding {
  const measured = { ...counts, staleAfterSeconds: staleAfterMs / 1000 };
  return counts.live === 0 ? { ...measured, problem: 'no live worker: submissions wait until one heartbeats' } : measured;
}

/** Degraded while a projection fails, or its oldest unapplied event is older than `limitSeconds`. */
export function projectionsFinding(statuses: readonly ProjectionStatus[], limitSeconds: number): Finding {
  const behind = statuses.filter((s) => (s.lag?.seconds ?? 0) > limitSeconds).map((s) => s.name);
  const failing = statuses.filter((s) => s.lastError !== null).map((s) => s.name);
  const measured = { lagLimitSeconds: limitSeconds, projections: Object.fromEntries(statuses.map((s) => [s.name, lagOf(s)])) };
  const problems = [
    ...(failing.length > 0 ? [`failing: ${failing.join(', ')}`] : []),
    ...(behind.length > 0 ? [`behind by more than ${limitSeconds} s: ${behind.join(', ')}`] : []),
  ];
  return problems.length > 0 ? { ...measured, problem: problems.join('; ') } : measured;
}

/** This process's consumer breaker (R-QUEUE-5); null stats = no worker role here. */
export function breakerFinding(stats: ConsumerStats | null): Finding {
  if (!stats) return { state: null, worker: null };
  const { state, timesOpened } = stats.breaker;
  const measured = { state, timesOpened, worker: stats.workerId };
  return state === 'open' ? { ...measured, problem: 'this worker paused: its queue or database calls keep failing' } : measured;
}

/** Public: how far behind and whether it fails, not the error itself (it may quote event data). */
function lagOf(status: ProjectionStatus): Measured {
  return {
    eventsBehind: status.lag?.events ?? null,
    secondsBehind: status.lag?.seconds ?? null,
    state: status.state,
    failing: status.lastError !== null,
  };
}
