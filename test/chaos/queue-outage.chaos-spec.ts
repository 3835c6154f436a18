import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { BreakerState } from '../../src/queue/circuit-breaker';
import { LocalWorker } from '../../src/workers/workers.module';
import { startFauxqs, type FauxqsProcess } from '../support/fauxqs-server';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter, succeed } from '../support/recording-submitter';

const OUTAGE_MS = 30_000;
const JOBS = 40;

/**
 * The queue backend (SQS, here the fauxqs emulator) stops answering for 30 s while a
 * worker is consuming: the worker's circuit breaker opens instead of spinning on errors, closes
 * again once SQS answers, and every submission is made exactly once.
 */
describe('queue backend stopped for 30 s (SQS via fauxqs, SIGSTOP)', () => {
  let sqs: FauxqsProcess;
  let pipeline: Pipeline;
  let worker: INestApplication;
  const submitter = new RecordingSubmitter(succeed, 200);

  beforeAll(async () => {
    sqs = await startFauxqs();
    pipeline = await startPipeline({
      directories: 3,
      env: {
        QUEUE: 'sqs',
        SQS_ENDPOINT: sqs.endpoint,
        SQS_QUEUE_PREFIX: `chaos-${randomBytes(3).toString('hex')}`,
        SQS_REQUEST_TIMEOUT_MS: '500',
        QUEUE_RECEIVE_WAIT_MS: '500',
        QUEUE_VISIBILITY_TIMEOUT_MS: '5000',
        BREAKER_THRESHOLD: '10',
        BREAKER_COOLDOWN_MS: '2000',
        WORKER_STALE_AFTER_MS: '60000',
      },
    });
    worker = await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '2' });
  }, 120_000);
  afterAll(async () => {
    sqs?.resume();
    await pipeline?.close();
    await sqs?.stop();
  });

  it('opens the breaker during the outage, recovers, and loses nothing', async () => {
    const breakerStates = new Set<BreakerState>();
    const watch = setInterval(() => {
      const state = worker.get(LocalWorker).stats()?.breaker.state;
      if (state) breakerStates.add(state);
    }, 50);
    try {
      const jobs: string[] = [];
      for (let i = 0; i < JOBS; i += 1) jobs.push(await pipeline.createJob(customerId('growth', 3)));
      await eventually(async () => (submitter.calls.length >= 5 ? true : null), { timeoutMs: 30_000 });

      sqs.pause();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expect(breakerStates.has('open')).toBe(true);
      const during = worker.get(LocalWorker).stats()!;
      expect(during.breaker.timesOpened).toBeGreaterThanOrEqual(1);
      expect(during.breaker.lastError).toMatch(/no answer|timed? ?out|abort/i);
      sqs.resume();

      for (const jobId of jobs) await pipeline.waitForJob(jobId, ['JobCompleted'], 120_000);
      await eventually(async () => (worker.get(LocalWorker).stats()!.breaker.state === 'closed' ? true : null), { timeoutMs: 30_000 });
      const keys = submitter.calls.map((call) => `${call.jobId}/${call.directoryId}`);
      expect(keys).toHaveLength(JOBS * 3);
      expect(new Set(keys).size).toBe(JOBS * 3);
    } finally {
      clearInterval(watch);
    }
  });
});
