import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { JobEvent } from '../../src/jobs/job.events';
import { business } from '../../test/support/job.fixtures';
import { evolveSpec } from '../../test/support/projection-evolve-spec';
import { eventLog, timestampOf } from '../../test/support/recorded-events';
import { jobsRows, type JobRow } from './jobs.projection';

const jobId = 'job-1';
let version = 0;
const recorded = (event: JobEvent): RecordedEvent => {
  version += 1;
  return {
    streamId: `job-${jobId}`,
    streamVersion: version,
    type: event.type,
    data: event.data,
    globalPosition: BigInt(version),
    checkpoint: String(version),
    recordedAt: new Date(),
    metadata: {
      eventId: `e${version}`,
      correlationId: jobId,
      causationId: `e${version}`,
      actor: { kind: 'system', id: 't' },
      timestamp: `2026-01-01T00:00:0${version}Z`,
    },
  };
};
const project = (events: readonly JobEvent[]): JobRow | null => {
  version = 0;
  return events.reduce<JobRow | null>((row, event) => jobsRows.evolve(row, recorded(event)) ?? row, null);
};

describe('jobs projection', () => {
  const counts = { succeeded: 1, failed: 1, needsManual: 0, skipped: 0 };
  const history: JobEvent[] = [
    { type: 'JobCreated', data: { jobId, customerId: 'c', packageTier: 'pro', priority: 'P1', directoryIds: ['a', 'b'], business } },
    { type: 'JobQueued', data: { jobId, priority: 'P1', directoryIds: ['a', 'b'] } },
    { type: 'JobCompleted', data: { jobId, counts } },
  ];

  it('shows a reopened job in progress, unfinished, and the counts of its next finish', () => {
    const reopened = project([...history, { type: 'JobReopened', data: { jobId, directoryId: 'a', reason: 'manual' } }]);
    expect(reopened).toMatchObject({ status: 'in_progress', finished_at: null, status_reason: 'reopened: a (manual)' });
    const again = project([
      ...history,
      { type: 'JobReopened', data: { jobId, directoryId: 'a', reason: 'manual' } },
      { type: 'JobCompleted', data: { jobId, counts: { ...counts, succeeded: 2, failed: 0 } } },
    ]);
    expect(again).toMatchObject({ status: 'complete', succeeded: 2, failed: 0, status_reason: null, finished_at: expect.any(String) });
  });
});

describe('jobs projection rows (given events, when an event, then the row)', () => {
  const directoryIds = ['d1', 'd2'];
  const counts = { succeeded: 1, failed: 1, needsManual: 0, skipped: 0 };
  /** A fresh log whose first four events are the job's creation, queueing, start and completion. */
  const lifecycle = () => {
    const log = eventLog();
    const created = log.job({
      type: 'JobCreated',
      data: { jobId: 'j1', customerId: 'c1', packageTier: 'growth', priority: 'P2', directoryIds, business },
    });
    const queued = log.job({ type: 'JobQueued', data: { jobId: 'j1', priority: 'P2', directoryIds } });
    const started = log.job({ type: 'JobStarted', data: { jobId: 'j1', workerId: 'w1' } });
    const completed = log.job({ type: 'JobCompleted', data: { jobId: 'j1', counts } });
    return { log, created, queued, started, completed };
  };
  const pending: JobRow = {
    id: 'j1',
    customer_id: 'c1',
    package_tier: 'growth',
    priority: 'P2',
    priority_level: 2,
    status: 'pending',
    status_reason: null,
    business_name: business.businessName,
    directory_count: 2,
    succeeded: null,
    failed: null,
    needs_manual: null,
    skipped: null,
    dead_lettered: 0,
    requeue_count: 0,
    created_at: timestampOf(1),
    queued_at: null,
    started_at: null,
    finished_at: null,
    updated_at: timestampOf(1),
    version: 1,
  };
  const finished = { queued_at: timestampOf(2), started_at: timestampOf(3), succeeded: 1, failed: 1, needs_manual: 0, skipped: 0 };
  const rows = evolveSpec(jobsRows);

  it('creates a pending row from JobCreated', () => {
    const { created } = lifecycle();
    rows.given().when(created).then([pending]);
  });

  it('records when the job was queued, started and finished, with its counts', () => {
    const { created, queued, started, completed } = lifecycle();
    rows
      .given(created, queued, started)
      .when(completed)
      .then([{ ...pending, ...finished, status: 'complete', finished_at: timestampOf(4), updated_at: timestampOf(4), version: 4 }]);
  });

  it('reopens a finished job on a requeue, counting it and saying why', () => {
    const { log, created, queued, started, completed } = lifecycle();
    const requeued = log.job({ type: 'JobRequeued', data: { jobId: 'j1', reason: 'manual', directoryIds: ['d2'], note: 'site fixed' } });
    rows
      .given(created, queued, started, completed)
      .when(requeued)
      .then([
        {
          ...pending,
          ...finished,
          status: 'queued',
          finished_at: null,
          requeue_count: 1,
          status_reason: 'requeued: manual: site fixed',
          updated_at: timestampOf(5),
          version: 5,
        },
      ]);
  });

  it('keeps the first queued and started times when the job is queued and started again', () => {
    const { log, created, queued, started } = lifecycle();
    const queuedAgain = log.job({ type: 'JobQueued', data: { jobId: 'j1', priority: 'P2', directoryIds } });
    const startedAgain = log.job({ type: 'JobStarted', data: { jobId: 'j1', workerId: 'w2' } });
    rows
      .given(created, queued, started)
      .when(queuedAgain, startedAgain)
      .then([
        {
          ...pending,
          status: 'in_progress',
          queued_at: timestampOf(2),
          started_at: timestampOf(3),
          updated_at: timestampOf(6),
          version: 6,
        },
      ]);
  });

  it('counts job-level dead letters of older histories down again on a redrive', () => {
    const { log, created, queued, started } = lifecycle();
    const deadLettered = (directoryId: string) =>
      log.job({ type: 'JobDeadLettered', data: { jobId: 'j1', directoryId, reason: 'maxReceiveCount exceeded' } });
    // positions 5 and 6 after the lifecycle's completion (position 4, not given here)
    const history = [created, queued, started, deadLettered('d1'), deadLettered('d2')];
    const redriven = log.job({ type: 'JobRedriven', data: { jobId: 'j1', directoryIds: ['d1'] } });
    rows
      .given(...history)
      .when(redriven)
      .then([
        {
          ...pending,
          status: 'queued',
          queued_at: timestampOf(2),
          started_at: timestampOf(3),
          dead_lettered: 1,
          updated_at: timestampOf(7),
          version: 7,
        },
      ]);
  });

  it('records a cancellation and a staff override with their reasons', () => {
    const { log, created, queued } = lifecycle();
    const cancelled = log.job({ type: 'JobCancelled', data: { jobId: 'j1', reason: 'customer refund' } });
    const overridden = log.job({
      type: 'JobStatusOverridden',
      data: { jobId: 'j1', from: 'cancelled', to: 'failed', reason: 'audit', staffId: 's1' },
    });
    rows
      .given(created, queued)
      .when(cancelled, overridden)
      .then([
        {
          ...pending,
          status: 'failed',
          queued_at: timestampOf(2),
          finished_at: timestampOf(5),
          status_reason: 'override by s1: audit',
          updated_at: timestampOf(6),
          version: 6,
        },
      ]);
  });

  it('ignores a lifecycle event without its JobCreated, a second JobCreated, and events of other streams', () => {
    const { log, created, queued } = lifecycle();
    rows.given().when(queued).then([]);
    const createdAgain = log.job({
      type: 'JobCreated',
      data: { jobId: 'j1', customerId: 'c2', packageTier: 'pro', priority: 'P1', directoryIds, business },
    });
    rows.given(created, queued).when(createdAgain).thenUnchanged();
    const foreign = log.record('submission-j1-d1', { type: 'JobQueued', data: { jobId: 'j1', priority: 'P1', directoryIds } });
    rows.given(created).when(foreign).thenUnchanged();
  });
});
