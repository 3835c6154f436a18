import type { INestApplication } from '@nestjs/common';
import { encodeSubmissionMessage } from '../../src/queue/submission-message';
import { LocalWorker } from '../../src/workers/workers.module';
import { BlockingSubmitter } from '../support/blocking-submitter';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter } from '../support/recording-submitter';

const VISIBILITY_MS = 2000;
const ONE_AT_A_TIME = { WORKER_CONCURRENCY: '1', WORKER_AUTOSCALE: 'false' };

/**
 * A submission may run longer than a visibility timeout (a slow site, a long wizard). A copy of
 * its message delivered meanwhile — a lease that lapsed, a resend — must not start a second live
 * attempt while the first one's worker is alive and still running it.
 */
describe('a redelivered copy while the attempt runs on a live worker', () => {
  let pipeline: Pipeline;
  const running = new BlockingSubmitter();
  const other = new RecordingSubmitter();

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 1, env: { QUEUE_VISIBILITY_TIMEOUT_MS: String(VISIBILITY_MS) } });
    await pipeline.startWorker(running, ONE_AT_A_TIME);
  });
  afterAll(async () => pipeline?.close());

  it('does not start a second attempt of a submission running past the visibility timeout on a live worker', async () => {
    const jobId = await pipeline.createJob(customerId('starter', 1));
    await eventually(async () => (running.callsFor(jobId, 'dir-001') > 0 ? true : null), { timeoutMs: 20_000 });
    const started = (await pipeline.submissionEvents(jobId, 'dir-001')).find((e) => e.type === 'SubmissionAttemptStarted')!;
    // Past one visibility timeout since the attempt started: the old rule took it for a lost one.
    await eventually(async () => (Date.now() - started.recordedAt.getTime() > VISIBILITY_MS + 500 ? true : null));
    const second: INestApplication = await pipeline.startWorker(other, ONE_AT_A_TIME);
    const body = encodeSubmissionMessage({
      jobId,
      directoryId: 'dir-001',
      attempt: 1,
      priority: 'P3',
      correlationId: jobId,
      causationId: started.metadata.causationId,
    });
    await pipeline.queue.send([{ id: `copy-of-${jobId}`, priority: 'P3', body }]);
    // Handed back more often than maxReceiveCount (3): uncounted, or the queue would have buried it.
    await eventually(async () => (second.get(LocalWorker).stats()!.released > 3 || other.calls.length > 0 ? true : null), {
      timeoutMs: 30_000,
    });
    running.letGo();
    await pipeline.waitForJob(jobId, ['JobCompleted']);

    expect(other.calls).toEqual([]);
    const types = (await pipeline.submissionEvents(jobId, 'dir-001')).map((e) => e.type);
    expect(types).toEqual(['SubmissionScheduled', 'SubmissionAttemptStarted', 'SubmissionSucceeded']);
    expect(await pipeline.queue.listDeadLetters({ limit: 5 })).toEqual([]);
  });
});
