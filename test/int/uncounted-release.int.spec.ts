import type { INestApplication } from '@nestjs/common';
import { DeadLetters } from '../../src/queue/dead-letters.service';
import { encodeSubmissionMessage } from '../../src/queue/submission-message';
import { LocalWorker } from '../../src/workers/workers.module';
import { BlockingSubmitter } from '../support/blocking-submitter';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';

const MAX_RECEIVES = 3;

/**
 * A copy of a message whose submission is running (SQS delivers at least once; the dispatcher
 * resends after a crash) is handed back as "already running". That says nothing about the
 * message being poison, so it must not count toward dead-lettering.
 */
describe('releases of a copy whose submission is already running', () => {
  let pipeline: Pipeline;
  let worker: INestApplication;
  const submitter = new BlockingSubmitter();

  beforeAll(async () => {
    pipeline = await startPipeline({
      directories: 1,
      env: { QUEUE_MAX_RECEIVE_COUNT: String(MAX_RECEIVES), QUEUE_VISIBILITY_TIMEOUT_MS: '2000' },
    });
    worker = await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '2', WORKER_AUTOSCALE: 'false' });
  });
  afterAll(async () => pipeline?.close());

  it('never dead-letters a copy released more than maxReceiveCount times as already running, and neither the job nor the submission records a dead letter', async () => {
    const jobId = await pipeline.createJob(customerId('starter', 1));
    await eventually(async () => (submitter.callsFor(jobId, 'dir-001') > 0 ? true : null), { timeoutMs: 20_000 });
    const [started] = (await pipeline.submissionEvents(jobId, 'dir-001')).filter((e) => e.type === 'SubmissionAttemptStarted');
    const body = encodeSubmissionMessage({
      jobId,
      directoryId: 'dir-001',
      attempt: 1,
      priority: 'P3',
      correlationId: jobId,
      causationId: started.metadata.causationId,
    });
    await pipeline.queue.send([{ id: `copy-of-${jobId}`, priority: 'P3', body }]);
    const stats = () => worker.get(LocalWorker).stats()!;
    // Released well past maxReceiveCount times — or, counted, buried by the queue on the way.
    await eventually(
      async () => (stats().released >= MAX_RECEIVES + 2 || (await pipeline.queue.listDeadLetters({ limit: 5 })).length > 0 ? true : null),
      { timeoutMs: 30_000 },
    );
    submitter.letGo();
    const finished = await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed']);
    await pipeline.control.get(DeadLetters).scan();

    expect(await pipeline.queue.listDeadLetters({ limit: 5 })).toEqual([]);
    expect((await pipeline.jobEvents(jobId)).map((e) => e.type)).not.toContain('JobDeadLettered');
    expect((await pipeline.submissionEvents(jobId, 'dir-001')).map((e) => e.type)).not.toContain('SubmissionDeadLettered');
    expect(finished.type).toBe('JobCompleted');
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(1);
    expect(stats().released).toBeGreaterThanOrEqual(MAX_RECEIVES + 2);
  });
});
