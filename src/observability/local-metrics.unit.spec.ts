import { Registry } from 'prom-client';
import type { BrowserPoolStats } from '../workers/browser/browser-pool';
import type { ConsumerStats } from '../workers/queue-consumer';
import { registerBrowserMetrics, registerWorkerMetrics } from './local-metrics';

describe('process-local metrics read from snapshots at scrape time', () => {
  it("shows the worker's counts and breaker under its id, and nothing where no worker runs", async () => {
    let stats: ConsumerStats | null = null;
    const registry = new Registry();
    registerWorkerMetrics(registry, () => stats);
    expect(await registry.metrics()).not.toMatch(/^dbolt_worker/m);
    stats = {
      workerId: 'w-1',
      inFlight: 2,
      concurrency: 4,
      received: 7,
      outcomes: { success: 5, transient: 1 },
      deadLettered: 1,
      released: 0,
      breaker: { name: 'consumer:w-1', state: 'open', consecutiveFailures: 5, openedAt: new Date(), timesOpened: 2, lastError: 'down' },
    };
    const text = await registry.metrics();
    expect(text).toContain('dbolt_worker_received_total{worker="w-1"} 7\n');
    expect(text).toContain('dbolt_worker_outcomes_total{worker="w-1",outcome="success"} 5\n');
    expect(text).toContain('dbolt_breaker_state{worker="w-1"} 2\n');
    expect(text).toContain('dbolt_breaker_opened_total{worker="w-1"} 2\n');
    expect(text).toContain('# TYPE dbolt_worker_received_total counter');
  });

  it('counts browser launches, restarts (launches after the first), kills and contexts', async () => {
    const stats: BrowserPoolStats = {
      launched: true,
      launches: 3,
      active: 1,
      contextsOnCurrent: 4,
      contextsOpened: 25,
      contextsReused: 0,
      pagesReplaced: 0,
      kills: 1,
    };
    const registry = new Registry();
    registerBrowserMetrics(registry, () => stats);
    const text = await registry.metrics();
    for (const line of [
      'dbolt_browser_launches_total 3',
      'dbolt_browser_restarts_total 2',
      'dbolt_browser_kills_total 1',
      'dbolt_browser_contexts_total 25',
      'dbolt_browser_contexts_active 1',
    ]) {
      expect(text).toContain(`${line}\n`);
    }
  });
});
