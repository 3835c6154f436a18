import type { ScalingConfig } from '../config/scaling-config';

export interface ScalingInput {
  /** Submissions waiting in the queue (visible and delayed), every tier. */
  readonly queued: number;
  readonly liveWorkers: number;
  /** Submissions that finished in the last five minutes, fleet-wide. */
  readonly finishedLast5Min: number;
}

export type ScalingReason = 'no_workers' | 'backlog' | 'idle' | 'steady';

export interface ScalingDecision {
  readonly desiredWorkers: number;
  readonly reason: ScalingReason;
  readonly queued: number;
  readonly liveWorkers: number;
  /** Finished per live worker per minute over the last five minutes; null with no live worker. */
  readonly perWorkerPerMinute: number | null;
  /** Minutes the backlog takes at that rate; null when nothing finishes. */
  readonly drainMinutes: number | null;
}

/** What the backlog should drain within when scaling up: the throughput side of the sizing. */
const DRAIN_TARGET_MINUTES = 15;

/**
 * The desired worker count, from the queue depth per live worker and the recent throughput. The
 * band between scaleDownBelow and scaleUpAbove queued per worker holds the count (hysteresis,
 * with the live count as the state, as an HPA does with its replicas); down goes one worker at a
 * time, up as far as the backlog or the throughput asks. Always within [min, max].
 */
export function desiredWorkers(input: ScalingInput, settings: ScalingConfig): ScalingDecision {
  const { queued, liveWorkers } = input;
  const clamp = (n: number): number => Math.min(settings.maxWorkers, Math.max(settings.minWorkers, n));
  const perWorkerPerMinute = liveWorkers > 0 ? input.finishedLast5Min / 5 / liveWorkers : null;
  const fleetPerMinute = input.finishedLast5Min / 5;
  const drainMinutes = fleetPerMinute > 0 ? queued / fleetPerMinute : null;
  const decide = (desired: number, reason: ScalingReason): ScalingDecision => ({
    desiredWorkers: clamp(desired),
    reason,
    queued,
    liveWorkers,
    perWorkerPerMinute,
    drainMinutes,
  });
  const byDepth = Math.ceil(queued / settings.scaleUpAbove);
  if (liveWorkers === 0) return decide(byDepth, 'no_workers');
  const perWorker = queued / liveWorkers;
  if (perWorker > settings.scaleUpAbove) {
    const byThroughput = perWorkerPerMinute ? Math.ceil(queued / (perWorkerPerMinute * DRAIN_TARGET_MINUTES)) : 0;
    return decide(Math.max(liveWorkers + 1, byDepth, byThroughput), 'backlog');
  }
  if (perWorker < settings.scaleDownBelow) return decide(Math.max(liveWorkers - 1, byDepth), 'idle');
  return decide(liveWorkers, 'steady');
}
