import type { AlertReadings } from './alert-readings';
import { ALERT_RULES } from './alert-rules';
import { planTransitions } from './alert-transitions';
import { loadConfig } from '../config/app-config';

// The shipped defaults (ALERT_* unset); the config spec pins their values.
const T = loadConfig({}).alerts.thresholds;

const readings = (over: Partial<AlertReadings>): AlertReadings => ({
  deadLetters: 0,
  queueDepth: { P1: 0, P2: 0, P3: 0 },
  workers: [],
  attempts: { failed: 0, total: 0 },
  projections: [],
  ...over,
});

describe('planTransitions', () => {
  it('fires what newly crosses its threshold, once', () => {
    const now = readings({ deadLetters: 2, queueDepth: { P1: 0, P2: 101, P3: 0 } });
    const first = planTransitions(ALERT_RULES, now, T, []);
    expect(first.fire.map((c) => [c.rule, c.key, c.severity])).toEqual([
      ['dead_letters', 'dlq', 'warning'],
      ['queue_depth', 'P2', 'warning'],
    ]);
    const open = [
      { id: 'a1', rule: 'dead_letters', key: 'dlq' },
      { id: 'a2', rule: 'queue_depth', key: 'P2' },
    ];
    expect(planTransitions(ALERT_RULES, now, T, open)).toEqual({ fire: [], resolve: [] });
  });

  it('resolves what is recorded as firing and now clear', () => {
    const open = [
      { id: 'a1', rule: 'dead_letters', key: 'dlq' },
      { id: 'a2', rule: 'worker_silent', key: 'gone-worker' },
    ];
    expect(planTransitions(ALERT_RULES, readings({ deadLetters: 0 }), T, open).resolve.map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('leaves the alerts of a rule whose reading is unknown as they are', () => {
    const open = [{ id: 'a1', rule: 'dead_letters', key: 'dlq' }];
    expect(planTransitions(ALERT_RULES, readings({ deadLetters: null }), T, open)).toEqual({ fire: [], resolve: [] });
  });

  it('resolves an alert of a rule that no longer exists', () => {
    const open = [{ id: 'a9', rule: 'retired_rule', key: 'x' }];
    expect(planTransitions(ALERT_RULES, readings({}), T, open).resolve).toEqual(open);
  });
});
