import type { AlertThresholds } from '../config/alerts-config';
import { PRIORITIES } from '../queue/queue.port';
import type { AlertReadings } from './alert-readings';

export type AlertSeverity = 'critical' | 'warning';

/** One thing a rule watches (a tier, a worker, a projection) and how it stands. */
export interface AlertCheck {
  readonly firing: boolean;
  readonly key: string;
  readonly summary: string;
  readonly value: number;
  readonly threshold: number;
}

export interface AlertRule {
  readonly name: string;
  readonly severity: AlertSeverity;
  /** Null when the reading it needs is unknown this tick. */
  check(readings: AlertReadings, thresholds: AlertThresholds): readonly AlertCheck[] | null;
}

const above = (key: string, value: number, threshold: number, summary: string): AlertCheck => ({
  firing: value > threshold,
  key,
  summary,
  value,
  threshold,
});

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export const deadLettersRule: AlertRule = {
  name: 'dead_letters',
  severity: 'warning',
  check: ({ deadLetters }, t) =>
    deadLetters === null ? null : [above('dlq', deadLetters, t.deadLetters, `${deadLetters} message(s) in the dead-letter queue`)],
};

export const errorRateRule: AlertRule = {
  name: 'error_rate',
  severity: 'critical',
  check: ({ attempts }, t) => {
    if (attempts === null) return null;
    const percent = attempts.total === 0 ? 0 : round((100 * attempts.failed) / attempts.total);
    const minutes = round(t.errorRateWindowMs / 60_000);
    const summary = `${percent} % of submission attempts failed in the last ${minutes} min (${attempts.failed} of ${attempts.total})`;
    // Too few attempts to call a rate: 1 failure of 1 is not an outage.
    const judged = attempts.total >= t.errorRateMinAttempts;
    return [{ ...above('submissions', percent, t.errorRatePercent, summary), firing: judged && percent > t.errorRatePercent }];
  },
};

export const workerSilentRule: AlertRule = {
  name: 'worker_silent',
  severity: 'warning',
  check: ({ workers }, t) =>
    workers?.map((w) => {
      const seconds = Math.floor(w.silentMs / 1000);
      const check = above(w.workerId, seconds, t.workerSilentMs / 1000, `worker ${w.workerId} silent for ${seconds} s`);
      // Compared in ms: a whole-second value must not hide the last part of a second.
      return { ...check, firing: w.silentMs > t.workerSilentMs };
    }) ?? null,
};

export const queueDepthRule: AlertRule = {
  name: 'queue_depth',
  severity: 'warning',
  check: ({ queueDepth }, t) =>
    queueDepth === null
      ? null
      : PRIORITIES.map((tier) => above(tier, queueDepth[tier], t.queueDepth, `${queueDepth[tier]} submission(s) waiting in tier ${tier}`)),
};

export const projectionLagEventsRule: AlertRule = {
  name: 'projection_lag_events',
  severity: 'warning',
  check: ({ projections }, t) =>
    projections?.map((p) => above(p.name, p.lagEvents, t.projectionLagEvents, `projection ${p.name} is ${p.lagEvents} event(s) behind`)) ??
    null,
};

export const projectionLagSecondsRule: AlertRule = {
  name: 'projection_lag_seconds',
  severity: 'warning',
  check: ({ projections }, t) =>
    projections?.map((p) => {
      const seconds = round(p.lagSeconds);
      return above(p.name, seconds, t.projectionLagSeconds, `projection ${p.name} is ${seconds} s behind the log`);
    }) ?? null,
};

export const breakerOpenRule: AlertRule = {
  name: 'breaker_open',
  severity: 'critical',
  // A silent worker's breaker is what it last said, not how it stands: worker_silent covers it.
  check: ({ workers }, t) =>
    workers
      ?.filter((w) => w.silentMs <= t.workerSilentMs)
      .map((w) => ({
        firing: w.breakerOpen,
        key: w.workerId,
        summary: `worker ${w.workerId}: circuit breaker open (queue or database failing)`,
        value: w.breakerOpen ? 1 : 0,
        threshold: 0,
      })) ?? null,
};

export const ALERT_RULES: readonly AlertRule[] = [
  deadLettersRule,
  errorRateRule,
  workerSilentRule,
  queueDepthRule,
  projectionLagEventsRule,
  projectionLagSecondsRule,
  breakerOpenRule,
];

export const ALERT_RULE_NAMES: readonly string[] = ALERT_RULES.map((rule) => rule.name);
