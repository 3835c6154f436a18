import { isOneOf } from '../../src/event-store/event-decoding';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { JobEvent } from '../../src/jobs/job.events';
import type { SubmissionEvent } from '../../src/submissions/submission.events';
import { jobResultsProjection, jobResultsRows } from '../../projections/job-results/job-results.projection';
import { jobStatsDeltas } from '../../projections/jobs/job-stats';
import { jobsProjection, jobsRows } from '../../projections/jobs/jobs.projection';
import { queueHistoryProjection, toHistoryRow } from '../../projections/queue-history/queue-history.projection';
import { workersProjection, workersRows } from '../../projections/workers/workers.projection';
import { business } from '../support/job.fixtures';
import { foldRows } from '../support/projection-evolve-spec';
import { projectionSpec } from '../support/projection-spec';
import { eventLog, type EventLog } from '../support/recorded-events';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';

const worker = { kind: 'worker', id: 'w1' } as const;
const ids = { jobId: 'j1', directoryId: 'd1' } as const;

/** One job of two directories: created, queued and started, then d1 retried and succeeded, d2 failed, the job completed. */
function jobHistory(log: EventLog): { readonly given: RecordedEvent[]; readonly when: RecordedEvent[] } {
  const job = (event: JobEvent) => log.job(event);
  const submission = (event: SubmissionEvent) => log.submission(event, worker);
  const d2 = { jobId: 'j1', directoryId: 'd2' } as const;
  const given = [
    job({
      type: 'JobCreated',
      data: { jobId: 'j1', customerId: 'c1', packageTier: 'growth', priority: 'P2', directoryIds: ['d1', 'd2'], business },
    }),
    job({ type: 'JobQueued', data: { jobId: 'j1', priority: 'P2', directoryIds: ['d1', 'd2'] } }),
    submission({ type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: 'k1', priority: 'P2' } }),
    submission({ type: 'SubmissionScheduled', data: { ...d2, idempotencyKey: 'k2', priority: 'P2' } }),
    submission({ type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'w1', attempt: 1 } }),
    job({ type: 'JobStarted', data: { jobId: 'j1', workerId: 'w1' } }),
  ];
  const when = [
    submission({
      type: 'SubmissionRetryScheduled',
      data: { ...ids, attempt: 2, delayMs: 30_000, errorClass: 'transient', message: 'timeout' },
    }),
    submission({ type: 'SubmissionAttemptStarted', data: { ...d2, workerId: 'w1', attempt: 1 } }),
    submission({
      type: 'SubmissionFailed',
      data: { ...d2, attempt: 1, errorClass: 'permanent', message: 'rejected', evidencePath: 'e/2.png' },
    }),
    submission({ type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'w1', attempt: 2 } }),
    submission({ type: 'SubmissionSucceeded', data: { ...ids, attempt: 2, listingUrl: 'https://dir.test/l/1', evidencePath: 'e/1.png' } }),
    job({ type: 'JobCompleted', data: { jobId: 'j1', counts: { succeeded: 1, failed: 1, needsManual: 0, skipped: 0, deadLettered: 0 } } }),
  ];
  return { given, when };
}

describe.each(TEST_BACKENDS)('projection specs: the rows of each projection, applied twice ($name)', (backend) => {
  let db: BackendDatabase;
  const { given, when } = jobHistory(eventLog());
  const all = [...given, ...when];

  beforeAll(async () => {
    db = await backend.create();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('jobs: the row its evolve builds, unchanged by a replayed page (stream-version guard)', async () => {
    const expected = foldRows(
      jobsRows,
      all.filter((e) => isOneOf(jobsProjection.handles, e)),
    );
    expect(expected).toEqual([expect.objectContaining({ id: 'j1', status: 'complete', succeeded: 1, failed: 1, version: 4 })]);
    // Beside the rows, job_stats: the finished job once, in its duration bucket (bigint milliseconds come back as text).
    const stats = jobStatsDeltas(expected.map((after) => ({ before: null, after })));
    expect(stats).toEqual([{ status: 'complete', bucket: 0, jobs: 1, duration_ms: 11_000 }]);
    const statRows = stats.map((row) => ({ ...row, duration_ms: String(row.duration_ms) }));
    await projectionSpec(jobsProjection, db)
      .given(given)
      .when(when)
      .then([...expected, ...statRows]);
  });

  it('job_results: one row per submission as its evolve builds it, unchanged by a replayed page', async () => {
    const expected = foldRows(
      jobResultsRows,
      all.filter((e) => isOneOf(jobResultsProjection.handles, e)),
    );
    expect(expected.map((row) => [row.id, row.status, row.attempts])).toEqual([
      ['j1:d1', 'succeeded', 2],
      ['j1:d2', 'failed', 1],
    ]);
    await projectionSpec(jobResultsProjection, db).given(given).when(when).then(expected);
  });

  it('queue_history: one row per event, in log order, unchanged by a replayed page (position key)', async () => {
    const expected = all.map(toHistoryRow).filter((row) => row !== null);
    expect(expected).toHaveLength(12);
    await projectionSpec(queueHistoryProjection, db).given(given).when(when).then(expected);
  });

  it('workers: the counts its evolve builds, applied once (fed by many streams, it is exactly-once by the checkpoint alone)', async () => {
    const expected = foldRows(
      workersRows,
      all.filter((e) => isOneOf(workersProjection.handles, e)),
    );
    expect(expected).toEqual([
      expect.objectContaining({ id: 'w1', attempts_started: 3, succeeded: 1, failed: 1, retries_scheduled: 1, version: 6 }),
    ]);
    await projectionSpec(workersProjection, db).given(given).when(when, { times: 1 }).then(expected);
  });
});
