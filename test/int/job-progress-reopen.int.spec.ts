import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobDecider } from '../../src/jobs/job.decider';
import { jobStreamId, type JobEvent } from '../../src/jobs/job.events';
import type { Reaction } from '../../src/processing/reaction';
import { executeCommand } from '../../src/shared/command-executor';
import { fold } from '../../src/shared/decider';
import { jobProgressReaction } from '../../src/submission-flow/job-progress.reaction';
import { reopenSubmission } from '../../src/submission-flow/reopen-submission';
import { submissionDecider, type SubmissionCommand } from '../../src/submissions/submission.decider';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { sampleBusiness } from '../support/job-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const worker = { kind: 'worker', id: 'w-1' } as const;
const staffActor = { kind: 'staff', id: 'staff-1' } as const;
const permanentFailure: SubmissionCommand = {
  type: 'RecordFailure',
  data: { errorClass: 'permanent', message: 'rejected', evidencePath: null, maxAttempts: 3, retryDelayMs: 0 },
};
const success: SubmissionCommand = { type: 'RecordSuccess', data: { listingUrl: null, evidencePath: null } };

/**
 * Job progress driven page by page in a chosen global order, the way its runner would hand it the
 * log, so that the interleavings of a staff retry with the job's other submissions are exact.
 */
describe("job progress when a staff retry races the job's other submissions", () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let reaction: Reaction;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    reaction = jobProgressReaction(db.pool, store);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  /** Runs a command on a submission and hands job progress exactly the events it appended. */
  async function submission(jobId: string, directoryId: string, ...commands: SubmissionCommand[]): Promise<void> {
    const stream = submissionStreamId(jobId, directoryId);
    const before = (await store.readStream(stream)).version;
    for (const command of commands) await executeCommand(store, stream, submissionDecider, command, { metadata: { actor: worker } });
    await reaction.react((await store.readStream(stream, { fromVersion: before + 1 })).events);
  }

  const start: SubmissionCommand = { type: 'StartAttempt', data: { workerId: worker.id } };

  /** A job of directories a and b: a has failed, b is running. */
  async function aFailedBRunning(): Promise<string> {
    const jobId = randomUUID();
    await store.appendToStream(
      jobStreamId(jobId),
      [
        {
          type: 'JobCreated',
          data: { jobId, customerId: 'c-1', packageTier: 'pro', priority: 'P1', directoryIds: ['a', 'b'], business: sampleBusiness },
        },
        { type: 'JobQueued', data: { jobId, priority: 'P1', directoryIds: ['a', 'b'] } },
      ],
      { expectedVersion: 'no_stream' },
    );
    await reaction.react((await store.readStream(jobStreamId(jobId))).events);
    for (const directoryId of ['a', 'b']) {
      await submission(jobId, directoryId, {
        type: 'ScheduleSubmission',
        data: { jobId, directoryId, idempotencyKey: `k-${jobId}-${directoryId}`, priority: 'P1' },
      });
    }
    await submission(jobId, 'a', start, permanentFailure);
    await submission(jobId, 'b', start);
    return jobId;
  }

  /** Staff retry a: the JobRequeued is appended; returns it (job progress has not seen it yet). */
  async function staffRetriesA(jobId: string): Promise<RecordedEvent> {
    await executeCommand(
      store,
      jobStreamId(jobId),
      jobDecider,
      { type: 'RequeueJob', data: { reason: 'manual', directoryIds: ['a'], note: 'fixed' } },
      {
        metadata: { actor: staffActor, correlationId: jobId },
      },
    );
    return (await store.readStream(jobStreamId(jobId))).events.at(-1)!;
  }

  /** The scheduler reaction reopens a (SubmissionReopened), and job progress sees it. */
  async function reopenA(jobId: string, requeue: RecordedEvent): Promise<void> {
    const stream = submissionStreamId(jobId, 'a');
    const before = (await store.readStream(stream)).version;
    await reopenSubmission(
      store,
      { jobId, directoryId: 'a', requeueId: requeue.metadata.eventId, correlationId: jobId },
      { kind: 'system', id: 'test' },
    );
    await reaction.react((await store.readStream(stream, { fromVersion: before + 1 })).events);
  }

  const jobEvents = async (jobId: string): Promise<RecordedEvent[]> => [...(await store.readStream(jobStreamId(jobId))).events];
  const finishes = (events: readonly RecordedEvent[]) => events.filter((e) => e.type === 'JobCompleted' || e.type === 'JobFailed');
  const statusOf = async (jobId: string) =>
    fold(
      jobDecider,
      (await jobEvents(jobId)).map((e) => e as JobEvent),
    ).status;

  it('does not complete a job whose manual requeue is not applied yet, and completes it once with the right counts (complete outcome)', async () => {
    const jobId = await aFailedBRunning();
    const requeue = await staffRetriesA(jobId);
    await reaction.react([requeue]);
    // b finishes before a's SubmissionReopened is in the log.
    await submission(jobId, 'b', success);
    expect(finishes((await jobEvents(jobId)).filter((e) => e.streamVersion > requeue.streamVersion))).toEqual([]);
    await reopenA(jobId, requeue);
    await submission(jobId, 'a', start, success);
    const after = (await jobEvents(jobId)).filter((e) => e.streamVersion > requeue.streamVersion);
    expect(finishes(after).map((e) => [e.type, e.data])).toEqual([
      ['JobCompleted', { jobId, counts: { succeeded: 2, failed: 0, needsManual: 0, skipped: 0, deadLettered: 0 } }],
    ]);
    // A replay (a crash before the checkpoint moved) does not mark the resolved retry again.
    const version = (await jobEvents(jobId)).length;
    await reaction.react([requeue, ...(await store.readStream(submissionStreamId(jobId, 'b'))).events]);
    expect((await jobEvents(jobId)).length).toBe(version);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM job_progress_pending_reopens WHERE job_id = $1', [jobId]);
    expect(rows[0].n).toBe(1);
  });

  it('does not fail a job whose manual requeue is not applied yet, and completes it when the retried submission succeeds (failed outcome)', async () => {
    const jobId = await aFailedBRunning();
    const requeue = await staffRetriesA(jobId);
    await reaction.react([requeue]);
    // b fails before a's reopening: every submission the bookkeeping knows of has failed.
    await submission(jobId, 'b', permanentFailure);
    expect(finishes((await jobEvents(jobId)).filter((e) => e.streamVersion > requeue.streamVersion))).toEqual([]);
    await reopenA(jobId, requeue);
    await submission(jobId, 'a', start, success);
    const after = (await jobEvents(jobId)).filter((e) => e.streamVersion > requeue.streamVersion);
    expect(finishes(after).map((e) => [e.type, e.data])).toEqual([
      ['JobCompleted', { jobId, counts: { succeeded: 1, failed: 1, needsManual: 0, skipped: 0, deadLettered: 0 } }],
    ]);
  });

  it.each([
    ['complete', success, 'JobCompleted'],
    ['failed', permanentFailure, 'JobFailed'],
  ] as const)(
    'brings a %s job back to in progress when a submission is reopened after it finished, and finishes it again with the right counts',
    async (_, bOutcome, firstFinish) => {
      const jobId = await aFailedBRunning();
      // b's result is in the log before the staff retry, but job progress reads the job only after it.
      await executeCommand(store, submissionStreamId(jobId, 'b'), submissionDecider, bOutcome, { metadata: { actor: worker } });
      const bResult = (await store.readStream(submissionStreamId(jobId, 'b'))).events.at(-1)!;
      const requeue = await staffRetriesA(jobId);
      await reaction.react([bResult]);
      await reaction.react([requeue]);
      expect(finishes(await jobEvents(jobId)).map((e) => e.type)).toEqual([firstFinish]);
      await reopenA(jobId, requeue);
      const reopened = (await jobEvents(jobId)).at(-1)!;
      expect([reopened.type, reopened.data]).toEqual(['JobReopened', { jobId, directoryId: 'a', reason: 'manual' }]);
      expect(await statusOf(jobId)).toBe('in_progress');
      await submission(jobId, 'a', start, success);
      const last = (await jobEvents(jobId)).at(-1)!;
      const expected = bOutcome === success ? { succeeded: 2, failed: 0 } : { succeeded: 1, failed: 1 };
      expect([last.type, last.data]).toEqual([
        'JobCompleted',
        { jobId, counts: { ...expected, needsManual: 0, skipped: 0, deadLettered: 0 } },
      ]);
    },
  );
});
