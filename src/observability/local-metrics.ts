import { Counter, Gauge, type Registry } from 'prom-client';
import type { DeadLetterCounts } from '../queue/dead-letters.service';
import type { BrowserPoolStats } from '../workers/browser/browser-pool';
import type { ConsumerStats } from '../workers/queue-consumer';

interface Sample<L extends string> {
  readonly labels: Partial<Record<L, string>>;
  readonly value: number;
}

type Read<L extends string> = () => readonly Sample<L>[];

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** A counter kept by someone else (a snapshot's running total), read when scraped. */
export function counterOf<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: Read<L>): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const sample of read()) this.inc(sample.labels, sample.value);
    },
  });
}

/** A gauge read when scraped. */
export function gaugeOf<L extends string>(registry: Registry, name: string, help: string, labelNames: readonly L[], read: Read<L>): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const sample of read()) this.set(sample.labels, sample.value);
    },
  });
}

/** This process's queue consumer, if it runs one (the `worker` role); the names of the hand-written metrics kept. */
export function registerWorkerMetrics(registry: Registry, stats: () => ConsumerStats | null): void {
  const one =
    (value: (s: ConsumerStats) => number): Read<'worker'> =>
    () => {
      const s = stats();
      return s ? [{ labels: { worker: s.workerId }, value: value(s) }] : [];
    };
  gaugeOf(
    registry,
    'dbolt_worker_in_flight',
    'Submissions this worker is running.',
    ['worker'],
    one((s) => s.inFlight),
  );
  gaugeOf(
    registry,
    'dbolt_worker_concurrency',
    'Submissions this worker may run at once (autoscaled).',
    ['worker'],
    one((s) => s.concurrency),
  );
  counterOf(
    registry,
    'dbolt_worker_received_total',
    'Messages received by this worker.',
    ['worker'],
    one((s) => s.received),
  );
  counterOf(registry, 'dbolt_worker_outcomes_total', 'Messages settled by outcome.', ['worker', 'outcome'], () => {
    const s = stats();
    return s ? Object.entries(s.outcomes).map(([outcome, value]) => ({ labels: { worker: s.workerId, outcome }, value })) : [];
  });
  counterOf(
    registry,
    'dbolt_worker_dead_lettered_total',
    'Malformed or unprocessable messages this worker dead-lettered.',
    ['worker'],
    one((s) => s.deadLettered),
  );
  counterOf(
    registry,
    'dbolt_worker_released_total',
    'Messages this worker gave back to the queue.',
    ['worker'],
    one((s) => s.released),
  );
  gaugeOf(
    registry,
    'dbolt_breaker_state',
    'Consumer circuit breaker: 0 closed, 1 half-open, 2 open.',
    ['worker'],
    one((s) => BREAKER_VALUE[s.breaker.state]),
  );
  counterOf(
    registry,
    'dbolt_breaker_opened_total',
    'Times the consumer circuit breaker opened.',
    ['worker'],
    one((s) => s.breaker.timesOpened),
  );
}

/** Dead letters this process recorded and redrove (the dead-letter monitor runs in the dispatcher, redrives come through the API). */
export function registerDeadLetterMetrics(registry: Registry, counts: () => DeadLetterCounts): void {
  const total =
    (value: (c: DeadLetterCounts) => number): Read<never> =>
    () => [{ labels: {}, value: value(counts()) }];
  counterOf(
    registry,
    'dbolt_dead_letters_recorded_total',
    'Dead letters recorded as SubmissionDeadLettered by this process.',
    [],
    total((c) => c.recorded),
  );
  counterOf(
    registry,
    'dbolt_dead_letters_malformed_total',
    'Dead letters whose body names no job, seen by this process.',
    [],
    total((c) => c.malformed),
  );
  counterOf(
    registry,
    'dbolt_dead_letters_redriven_total',
    'Dead letters redriven by this process.',
    [],
    total((c) => c.redriven),
  );
}

/** This process's Chromium: a restart is any launch after the first (retired after its quota, crashed or killed). */
export function registerBrowserMetrics(registry: Registry, stats: () => BrowserPoolStats): void {
  const total =
    (value: (s: BrowserPoolStats) => number): Read<never> =>
    () => [{ labels: {}, value: value(stats()) }];
  counterOf(
    registry,
    'dbolt_browser_launches_total',
    'Chromium launches by this process.',
    [],
    total((s) => s.launches),
  );
  counterOf(
    registry,
    'dbolt_browser_restarts_total',
    'Chromium launches that replaced an earlier browser.',
    [],
    total((s) => Math.max(0, s.launches - 1)),
  );
  counterOf(
    registry,
    'dbolt_browser_kills_total',
    'Chromium browsers killed because they stopped answering.',
    [],
    total((s) => s.kills),
  );
  counterOf(
    registry,
    'dbolt_browser_contexts_total',
    'Browser contexts opened (one per submission).',
    [],
    total((s) => s.contextsOpened),
  );
  gaugeOf(
    registry,
    'dbolt_browser_contexts_active',
    'Browser contexts in use now.',
    [],
    total((s) => s.active),
  );
}
