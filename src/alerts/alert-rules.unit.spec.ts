import type { AlertReadings } from './alert-readings';
import {
  ALERT_RULES,
  breakerOpenRule,
  deadLettersRule,
  errorRateRule,
  projectionLagEventsRule,
  projectionLagSecondsRule,
  queueDepthRule,
  workerSilentRule,
} from './alert-rules';
import { loadConfig } from '../config/app-config';

// The shipped defaults (ALERT_* unset); the config spec pins their values.
const T = loadConfig({}).alerts.thresholds;

const CALM: AlertReadings = {
  deadLetters: 0,
  queueDepth: { P1: 0, P2: 100, P3: 3 },
  workers: [{ workerId: 'w1', silentMs: 1000, breakerOpen: false }],
  attempts: { failed: 1, total: 10 },
  projections: [{ name: 'jobs', lagEvents: 1000, lagSeconds: 300 }],
};

const firing = (checks: ReturnType<typeof deadLettersRule.check>) => checks?.filter((c) => c.firing).map((c) => c.key);

describe('alert rules', () => {
  it('all stay quiet at their thresholds (an alert needs a reading above)', () => {
    for (const rule of ALERT_RULES)
      expect({ rule: rule.name, firing: firing(rule.check(CALM, T)) }).toEqual({ rule: rule.name, firing: [] });
  });

  it('dead letters: any message in the DLQ fires', () => {
    expect(deadLettersRule.check({ ...CALM, deadLetters: 1 }, T)).toEqual([
      { firing: true, key: 'dlq', summary: '1 message(s) in the dead-letter queue', value: 1, threshold: 0 },
    ]);
  });

  it('error rate: above 10 % of at least the minimum attempts, in percent', () => {
    const [high] = errorRateRule.check({ ...CALM, attempts: { failed: 3, total: 20 } }, T) ?? [];
    expect(high).toMatchObject({ firing: true, key: 'submissions', value: 15, threshold: 10 });
    expect(high.summary).toBe('15 % of submission attempts failed in the last 5 min (3 of 20)');
    expect(firing(errorRateRule.check({ ...CALM, attempts: { failed: 5, total: 9 } }, T))).toEqual([]);
    expect(errorRateRule.check({ ...CALM, attempts: { failed: 0, total: 0 } }, T)?.[0]).toMatchObject({ firing: false, value: 0 });
  });

  it('worker silent: past the threshold, per worker, in seconds', () => {
    const workers = [
      { workerId: 'w1', silentMs: 300_001, breakerOpen: false },
      { workerId: 'w2', silentMs: 5_000, breakerOpen: false },
    ];
    const checks = workerSilentRule.check({ ...CALM, workers }, T);
    expect(firing(checks)).toEqual(['w1']);
    expect(checks?.[0]).toMatchObject({ value: 300, threshold: 300, summary: 'worker w1 silent for 300 s' });
  });

  it('queue depth: per tier above 100 waiting', () => {
    expect(firing(queueDepthRule.check({ ...CALM, queueDepth: { P1: 101, P2: 0, P3: 500 } }, T))).toEqual(['P1', 'P3']);
  });

  it('projection lag: in events and in seconds, per projection', () => {
    const projections = [
      { name: 'jobs', lagEvents: 1001, lagSeconds: 2 },
      { name: 'workers', lagEvents: 3, lagSeconds: 300.5 },
    ];
    expect(firing(projectionLagEventsRule.check({ ...CALM, projections }, T))).toEqual(['jobs']);
    expect(firing(projectionLagSecondsRule.check({ ...CALM, projections }, T))).toEqual(['workers']);
  });

  it('breaker open: per worker still heard from; a silent worker is left to worker_silent', () => {
    const workers = [
      { workerId: 'w1', silentMs: 1000, breakerOpen: true },
      { workerId: 'w2', silentMs: 400_000, breakerOpen: true },
    ];
    expect(breakerOpenRule.check({ ...CALM, workers }, T)).toEqual([
      { firing: true, key: 'w1', summary: 'worker w1: circuit breaker open (queue or database failing)', value: 1, threshold: 0 },
    ]);
  });

  it('says nothing (null) when its reading is unknown', () => {
    const unknown: AlertReadings = { deadLetters: null, queueDepth: null, workers: null, attempts: null, projections: null };
    for (const rule of ALERT_RULES) expect(rule.check(unknown, T)).toBeNull();
  });
});
