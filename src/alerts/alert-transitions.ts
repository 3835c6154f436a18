import type { AlertThresholds } from '../config/alerts-config';
import type { AlertReadings } from './alert-readings';
import type { AlertCheck, AlertRule, AlertSeverity } from './alert-rules';

/** A (rule, key) above its threshold now. */
export interface AlertCondition extends Omit<AlertCheck, 'firing'> {
  readonly rule: string;
  readonly severity: AlertSeverity;
}

/** A recorded alert still firing. */
export interface OpenAlert {
  readonly id: string;
  readonly rule: string;
  readonly key: string;
}

export interface AlertTransitions {
  /** Firing now and not yet recorded as firing: one notification each. */
  readonly fire: readonly AlertCondition[];
  /** Recorded as firing, and their rule now says all clear for their key. */
  readonly resolve: readonly OpenAlert[];
}

const id = (rule: string, key: string): string => JSON.stringify([rule, key]);

/**
 * What changed since the last evaluation. Still-firing alerts are neither re-fired nor resolved
 * (deduplication); a rule whose reading is unknown this tick leaves its alerts as they are.
 */
export function planTransitions(
  rules: readonly AlertRule[],
  readings: AlertReadings,
  thresholds: AlertThresholds,
  open: readonly OpenAlert[],
): AlertTransitions {
  const known = new Set<string>();
  const firing = new Map<string, AlertCondition>();
  for (const rule of rules) {
    const checks = rule.check(readings, thresholds);
    if (checks === null) continue;
    known.add(rule.name);
    for (const { firing: on, ...check } of checks) {
      if (on) firing.set(id(rule.name, check.key), { ...check, rule: rule.name, severity: rule.severity });
    }
  }
  const recorded = new Set(open.map((alert) => id(alert.rule, alert.key)));
  const ruleNames = new Set(rules.map((rule) => rule.name));
  return {
    fire: [...firing.entries()].filter(([key]) => !recorded.has(key)).map(([, condition]) => condition),
    // A rule no longer in the code cannot clear its alerts any other way.
    resolve: open.filter((alert) => !firing.has(id(alert.rule, alert.key)) && (known.has(alert.rule) || !ruleNames.has(alert.rule))),
  };
}
