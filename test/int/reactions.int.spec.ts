import { randomUUID } from 'node:crypto';
import { AdvisoryLeases } from '../../src/database/advisory-leases';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobStreamId } from '../../src/jobs/job.events';
import type { Processor } from '../../src/processing/processor';
import { reactor } from '../../src/processing/reactor';
import { executeCommand } from '../../src/shared/command-executor';
import { jobProgressReaction } from '../../src/submission-flow/job-progress.reaction';
import { submissionSchedulerReaction } from '../../src/submission-flow/submission-scheduler.reaction';
import { submissionDecider } from '../../src/submissions/submission.decider';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { sampleBusiness } from '../support/job-scenarios';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { createTestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';

const worker = { kind: 'worker', id: 'w-1' } as const;

describe.each(TEST_BACKENDS)('reactions: submission scheduling and job progress ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let leases: AdvisoryLeases;
  let runners: Processor[] = [];

  const startReactions = (): void => {
    const options = { batchSize: 100, standbyRetryMs: 100, onError: (_: string, e: unknown) => console.error(e) };
    runners = [submissionSchedulerReaction(store, 30), jobProgressReaction(db.pool, store)].map((reaction) =>
      reactor({ pool: db.pool, store, leases }, reaction, options),
    );
    runners.forEach((r) => r.start());
  };
  const stopReactions = async (): Promise<void> => {
    await Promise.all(runners.map((r) => r.stop()));
  };

  beforeAll(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
    leases = new AdvisoryLeases(db.pool);
    startReactions();
  });
  afterAll(async () => {
    await stopReactions();
    await leases.close();
    await store.close();
    await db.drop();
  });

  async function createJob(directoryIds: readonly string[]): Promise<string> {
    const jobId = randomUUID();
    await store.appendToStream(
      jobStreamId(jobId),
      [
        {
          type: 'JobCreated',
          data: { jobId, customerId: 'c-1', packageTier: 'pro', priority: 'P1', directoryIds, business: sampleBusiness },
        },
        { type: 'JobQueued', data: { jobId, priority: 'P1', directoryIds } },
      ],
      { expectedVersion: 'no_stream' },
    );
    return jobId;
  }

  async function work(jobId: string, directoryId: string, outcome: 'succeed' | 'fail'): Promise<void> {
    const stream = submissionStreamId(jobId, directoryId);
    const metadata = { metadata: { actor: worker } };
    await executeCommand(store, stream, submissionDecider, { type: 'StartAttempt', data: { workerId: worker.id } }, metadata);
    const result =
      outcome === 'succeed'
        ? { type: 'RecordSuccess' as const, data: { listingUrl: null, evidencePath: null } }
        : {
            type: 'RecordFailure' as const,
            data: { errorClass: 'permanent' as const, message: 'rejected', evidencePath: null, maxAttempts: 3, retryDelayMs: 0 },
          };
    await executeCommand(store, stream, submissionDecider, result, metadata);
  }

  /** The scheduler writes a job's submissions in parallel: wait for every one, not the last named. */
  const allScheduled = (jobId: string, directoryIds: readonly string[]) =>
    eventually(
      async () => {
        const versions = await Promise.all(directoryIds.map(async (d) => (await store.readStream(submissionStreamId(jobId, d))).version));
        return versions.every((v) => v >= 1);
      },
      { timeoutMs: 20_000, intervalMs: 25, message: `submissions of ${directoryIds.join(', ')} scheduled` },
    );

  const jobTypes = async (jobId: string): Promise<string[]> => (await store.readStream(jobStreamId(jobId))).events.map((e) => e.type);

  it('schedules one submission per directory with a SHA-256 idempotency key', async () => {
    const jobId = await createJob(['a', 'b', 'c']);
    await allScheduled(jobId, ['a', 'b', 'c']);
    for (const dir of ['a', 'b', 'c']) {
      const [scheduled] = (await store.readStream(submissionStreamId(jobId, dir))).events as (RecordedEvent & {
        data: { idempotencyKey: string };
      })[];
      expect(scheduled.type).toBe('SubmissionScheduled');
      expect(scheduled.data.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
      expect(scheduled.metadata.causationId).toBe((await store.readStream(jobStreamId(jobId))).events[1].metadata.eventId);
    }
  });

  it('starts the job on the first attempt and completes it once every submission is finished', async () => {
    const jobId = await createJob(['a', 'b']);
    await allScheduled(jobId, ['a', 'b']);
    await work(jobId, 'a', 'succeed');
    await eventually(async () => (await jobTypes(jobId)).includes('JobStarted'), { timeoutMs: 20_000, intervalMs: 25 });
    expect(await jobTypes(jobId)).not.toContain('JobCompleted');
    await work(jobId, 'b', 'fail');
    await eventually(async () => (await jobTypes(jobId)).includes('JobCompleted'), { timeoutMs: 20_000, intervalMs: 25 });
    const completed = (await store.readStream(jobStreamId(jobId))).events.find((e) => e.type === 'JobCompleted')!;
    expect(completed.data).toEqual({ jobId, counts: { succeeded: 1, failed: 1, needsManual: 0, skipped: 0, deadLettered: 0 } });
  });

  it('fails a job whose every submission failed', async () => {
    const jobId = await createJob(['a']);
    await eventually(async () => (await store.readStream(submissionStreamId(jobId, 'a'))).version === 1, {
      timeoutMs: 20_000,
      intervalMs: 25,
    });
    await work(jobId, 'a', 'fail');
    await eventually(async () => (await jobTypes(jobId)).includes('JobFailed'), { timeoutMs: 20_000, intervalMs: 25 });
  });

  it('replaying from an old checkpoint (a crash before the checkpoint moved) appends nothing twice', async () => {
    const jobId = await createJob(['a', 'b']);
    await allScheduled(jobId, ['a', 'b']);
    await work(jobId, 'a', 'succeed');
    await work(jobId, 'b', 'succeed');
    await eventually(async () => (await jobTypes(jobId)).includes('JobCompleted'), { timeoutMs: 20_000, intervalMs: 25 });
    const before = await jobTypes(jobId);

    await stopReactions();
    await db.pool.query('DELETE FROM subscription_checkpoints'); // as if nothing had been checkpointed
    startReactions();
    const head = (await store.readAll({ after: null, maxCount: 10_000 })).checkpoint;
    await eventually(
      async () => {
        const { rows } = await db.pool.query<{ checkpoint: string }>('SELECT checkpoint FROM subscription_checkpoints');
        return rows.length === 2 && rows.every((r) => r.checkpoint === head); // both replayed the whole log
      },
      { timeoutMs: 20_000, intervalMs: 25 },
    );
    expect(await jobTypes(jobId)).toEqual(before);
    expect(before.filter((t) => t === 'JobCompleted')).toHaveLength(1);
    expect(before.filter((t) => t === 'JobStarted')).toHaveLength(1);
    for (const dir of ['a', 'b']) {
      const types = (await store.readStream(submissionStreamId(jobId, dir))).events.map((e) => e.type);
      expect(types.filter((t) => t === 'SubmissionScheduled')).toHaveLength(1);
    }
  });
});

describe('job progress after retention removed its bookkeeping', () => {
  it('rebuilds the bookkeeping from the streams and still completes the job', async () => {
    const db = await createTestDatabase();
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: true });
    try {
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
      const reaction = jobProgressReaction(db.pool, store);
      const ids = { jobId, priority: 'P1' as const };
      for (const directoryId of ['a', 'b']) {
        await store.appendToStream(
          submissionStreamId(jobId, directoryId),
          [
            { type: 'SubmissionScheduled', data: { ...ids, directoryId, idempotencyKey: `k-${directoryId}` } },
            { type: 'SubmissionAttemptStarted', data: { jobId, directoryId, workerId: 'w', attempt: 1 } },
          ],
          { expectedVersion: 'no_stream' },
        );
      }
      await store.appendToStream(
        submissionStreamId(jobId, 'a'),
        [{ type: 'SubmissionSucceeded', data: { jobId, directoryId: 'a', attempt: 1, listingUrl: null, evidencePath: null } }],
        { expectedVersion: 2 },
      );
      // Bookkeeping never saw any of it (as if retention had removed it); only the last event arrives.
      await store.appendToStream(
        submissionStreamId(jobId, 'b'),
        [{ type: 'SubmissionSucceeded', data: { jobId, directoryId: 'b', attempt: 1, listingUrl: null, evidencePath: null } }],
        { expectedVersion: 2 },
      );
      const last = (await store.readStream(submissionStreamId(jobId, 'b'))).events.slice(-1);
      await reaction.react(last);
      const types = (await store.readStream(jobStreamId(jobId))).events.map((e) => e.type);
      expect(types).toContain('JobCompleted');
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
