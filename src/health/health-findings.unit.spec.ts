import type { ProjectionStatus } from '../../projections/runtime/projection-host';
import type { ConsumerStats } from '../workers/queue-consumer.types';
import { breakerFinding, projectionsFinding, workersFinding } from './health-findings';

const projection = (name: string, lag: ProjectionStatus['lag'], lastError: string | null = null): ProjectionStatus => ({
  name,
  codeVersion: 1,
  liveVersion: 1,
  liveGeneration: 1,
  checkpoint: null,
  eventsApplied: 10,
  lag,
  state: 'live',
  rebuild: null,
  rebuildRequestedAt: null,
  lastRebuildAt: null,
  lastError,
});

const stats = (state: ConsumerStats['breaker']['state']): ConsumerStats => ({
  workerId: 'w-1',
  inFlight: 0,
  concurrency: 2,
  received: 0,
  outcomes: {},
  deadLettered: 0,
  released: 0,
  breaker: {
    name: 'consumer:w-1',
    state,
    consecutiveFailures: 0,
    openedAt: null,
    timesOpened: 3,
    lastError: 'connection refused by db.internal',
  },
});

describe('health findings', () => {
  it('degrades on no live worker, not on stale ones', () => {
    expect(workersFinding({ live: 0, paused: 0, stale: 2, stopped: 1 }, 120_000)).toEqual({
      live: 0,
      paused: 0,
      stale: 2,
      stopped: 1,
      staleAfterSeconds: 120,
      problem: 'no live worker: submissions wait until one heartbeats',
    });
    expect(workersFinding({ live: 1, paused: 0, stale: 2, stopped: 0 }, 2000).problem).toBeUndefined();
  });

  it('reports lag per projection, degrading on a failing one or one behind the limit, never quoting the error', () => {
    const healthy = projectionsFinding([projection('jobs', { events: 3, seconds: 1.5 }), projection('workers', null)], 120);
    expect(healthy).toEqual({
      lagLimitSeconds: 120,
      projections: {
        jobs: { eventsBehind: 3, secondsBehind: 1.5, state: 'live', failing: false },
        workers: { eventsBehind: null, secondsBehind: null, state: 'live', failing: false },
      },
    });
    const sick = projectionsFinding(
      [projection('jobs', { events: 900, seconds: 121 }), projection('job_results', { events: 1, seconds: 0 }, 'bad value "jane@x.test"')],
      120,
    );
    expect(sick.problem).toBe('failing: job_results; behind by more than 120 s: jobs');
    expect(JSON.stringify(sick)).not.toContain('jane@x.test');
  });

  it("degrades while this worker's breaker is open, and says so when the process has no worker", () => {
    expect(breakerFinding(null)).toEqual({ state: null, worker: null });
    expect(breakerFinding(stats('closed'))).toEqual({ state: 'closed', timesOpened: 3, worker: 'w-1' });
    expect(breakerFinding(stats('half_open')).problem).toBeUndefined();
    const open = breakerFinding(stats('open'));
    expect(open.problem).toContain('paused');
    expect(JSON.stringify(open)).not.toContain('db.internal');
  });
});
