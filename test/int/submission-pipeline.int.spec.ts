import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { RetryConfig } from '../../src/config/queue-config';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { MetricsController } from '../../src/observability/metrics.controller';
import { retryBounds } from '../../src/queue/retry-backoff';
import type { SubmissionOutcome } from '../../src/workers/submitter.port';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, staff, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter, type Behaviour } from '../support/recording-submitter';

const RETRY: RetryConfig = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 1000, minDelayMs: 100 };
const none = { evidencePath: null, mappingUsed: null };

/** What the mapping scenario's submissions were given, and the mapping each run "used". */
const mappingRuns: { directoryId: string; given: unknown; source: unknown }[] = [];
let mappingGeneration = 0;

/** Each customer stands for a scenario (the business name reaches the submitter). */
const behaviour: Behaviour = (request, calls): SubmissionOutcome => {
  const name = request.business.businessName;
  if (name === 'Biz growth 3') {
    mappingRuns.push({ directoryId: request.directoryId, given: request.directory.formMapping, source: request.directory.mappingSource });
    return { kind: 'success', listingUrl: null, evidencePath: null, mappingUsed: { businessName: [`#found-${mappingGeneration}`] } };
  }
  if (name === 'Biz growth 1' && calls <= 2) return { kind: 'transient', message: `HTTP 503 (call ${calls})`, ...none };
  if (name === 'Biz starter 1') return { kind: 'transient', message: 'connect ECONNREFUSED', ...none };
  if (name === 'Biz pro 3' && request.directoryId === 'dir-001')
    return { kind: 'permanent', message: 'no listing form found on the page', ...none };
  if (name === 'Biz pro 3' && request.directoryId === 'dir-002')
    return { kind: 'needs_manual', reason: 'captcha', message: 'captcha', ...none };
  return { kind: 'success', listingUrl: `https://listing.test/${request.jobId}/${request.directoryId}`, ...none };
};

const types = (events: readonly RecordedEvent[]): string[] => events.map((e) => e.type);
const dataOf = <T>(event: RecordedEvent): T => event.data as T;

describe('submission pipeline: dispatcher → PostgreSQL queue → worker → events', () => {
  let pipeline: Pipeline;
  let worker: INestApplication;
  const submitter = new RecordingSubmitter(behaviour);

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 5 });
    worker = await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '4' });
  });
  afterAll(async () => pipeline?.close());

  it('submits each directory of a job once and completes the job', async () => {
    const jobId = await pipeline.createJob(customerId('enterprise', 3));
    const completed = await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed']);
    expect(completed.type).toBe('JobCompleted');
    expect(dataOf<{ counts: object }>(completed).counts).toEqual({ succeeded: 3, failed: 0, needsManual: 0, skipped: 0, deadLettered: 0 });
    for (const directoryId of ['dir-001', 'dir-002', 'dir-003']) {
      expect(submitter.callsFor(jobId, directoryId)).toBe(1);
      expect(types(await pipeline.submissionEvents(jobId, directoryId))).toEqual([
        'SubmissionScheduled',
        'SubmissionAttemptStarted',
        'SubmissionSucceeded',
      ]);
    }
    expect(types(await pipeline.jobEvents(jobId))).toEqual(['JobCreated', 'JobQueued', 'JobStarted', 'JobCompleted']);
  });

  it('retries transient errors with jittered backoff, records each retry and honours its delay', async () => {
    const jobId = await pipeline.createJob(customerId('growth', 1));
    await pipeline.waitForJob(jobId, ['JobCompleted']);
    const events = await pipeline.submissionEvents(jobId, 'dir-001');
    expect(types(events)).toEqual([
      'SubmissionScheduled',
      'SubmissionAttemptStarted',
      'SubmissionRetryScheduled',
      'SubmissionAttemptStarted',
      'SubmissionRetryScheduled',
      'SubmissionAttemptStarted',
      'SubmissionSucceeded',
    ]);
    const retries = events.filter((e) => e.type === 'SubmissionRetryScheduled');
    for (const [index, retry] of retries.entries()) {
      const { attempt, delayMs, errorClass, message } = dataOf<{ attempt: number; delayMs: number; errorClass: string; message: string }>(
        retry,
      );
      expect({ attempt, errorClass }).toEqual({ attempt: index + 2, errorClass: 'transient' });
      expect(message).toContain('HTTP 503');
      const { minMs, maxMs } = retryBounds(index + 1, RETRY);
      expect(delayMs).toBeGreaterThanOrEqual(minMs);
      expect(delayMs).toBeLessThanOrEqual(maxMs);
      const next = events[events.indexOf(retry) + 1];
      // The retry's message was delayed: the next attempt cannot start before the delay is over.
      expect(next.recordedAt.getTime() - retry.recordedAt.getTime()).toBeGreaterThanOrEqual(delayMs - 20);
    }
  });

  it('fails a submission after its last attempt and removes its message', async () => {
    const jobId = await pipeline.createJob(customerId('starter', 1));
    const failed = await pipeline.waitForJob(jobId, ['JobFailed', 'JobCompleted']);
    expect(failed.type).toBe('JobFailed');
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(RETRY.maxAttempts);
    const last = (await pipeline.submissionEvents(jobId, 'dir-001')).at(-1)!;
    expect(last.type).toBe('SubmissionFailed');
    expect(dataOf<{ attempt: number; errorClass: string }>(last)).toMatchObject({ attempt: 3, errorClass: 'transient' });
    await eventually(async () => {
      const { tiers } = await pipeline.queue.depth();
      return tiers.P3.visible + tiers.P3.inFlight + tiers.P3.delayed === 0 ? true : null;
    });
  });

  it('fails permanent errors at once and parks needs-manual ones', async () => {
    const jobId = await pipeline.createJob(customerId('pro', 3));
    const completed = await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed']);
    expect(dataOf<{ counts: object }>(completed).counts).toEqual({ succeeded: 1, failed: 1, needsManual: 1, skipped: 0, deadLettered: 0 });
    expect([1, 2, 3].map((n) => submitter.callsFor(jobId, `dir-00${n}`))).toEqual([1, 1, 1]);
    const parked = (await pipeline.submissionEvents(jobId, 'dir-002')).at(-1)!;
    expect(parked).toMatchObject({ type: 'SubmissionNeedsManual', data: { reason: 'captcha' } });
  });

  it('stores a detected mapping as learned, replaces it when a later run finds other fields, never touches a curated one', async () => {
    await pipeline.db.pool.query(`UPDATE directories SET form_mapping = '{"businessName": ["#curated"]}' WHERE id = 'dir-003'`);
    const learned = async (): Promise<Record<string, unknown>> => {
      const { rows } = await pipeline.db.pool.query<{ id: string; learned_mapping: unknown }>(
        `SELECT id, learned_mapping FROM directories WHERE id IN ('dir-001', 'dir-003') ORDER BY id`,
      );
      return Object.fromEntries(rows.map((row) => [row.id, row.learned_mapping]));
    };
    mappingGeneration = 1;
    await pipeline.waitForJob(await pipeline.createJob(customerId('growth', 3)), ['JobCompleted']);
    expect(await learned()).toEqual({ 'dir-001': { businessName: ['#found-1'] }, 'dir-003': null });
    mappingGeneration = 2;
    mappingRuns.length = 0;
    await pipeline.waitForJob(await pipeline.createJob(customerId('growth', 3)), ['JobCompleted']);
    expect(mappingRuns.find((run) => run.directoryId === 'dir-001')).toMatchObject({
      given: { businessName: ['#found-1'] },
      source: 'learned',
    });
    expect(mappingRuns.find((run) => run.directoryId === 'dir-003')).toMatchObject({
      given: { businessName: ['#curated'] },
      source: 'curated',
    });
    expect(await learned()).toEqual({ 'dir-001': { businessName: ['#found-2'] }, 'dir-003': null });
  });

  it('dead-letters malformed and unknown-version messages with a reason and keeps consuming', async () => {
    await pipeline.queue.send([
      { id: 'bad-json', priority: 'P1', body: 'this is not json' },
      { id: 'bad-version', priority: 'P1', body: JSON.stringify({ v: 99, jobId: 'x' }) },
    ]);
    const letters = await eventually(async () => {
      const found = await pipeline.queue.listDeadLetters({ limit: 10 });
      return found.length >= 2 ? found : null;
    });
    expect(letters.find((l) => l.id === 'bad-json')?.error).toMatch(/not JSON/);
    expect(letters.find((l) => l.id === 'bad-version')?.error).toMatch(/unknown message version 99/);
    const jobId = await pipeline.createJob(customerId('enterprise', 1));
    expect((await pipeline.waitForJob(jobId, ['JobCompleted'])).type).toBe('JobCompleted');
    const response = await request(pipeline.http()).get('/api/admin/dlq').set(staff).expect(200);
    expect(response.body.deadLetters).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'bad-json', jobId: null, malformed: expect.stringMatching(/not JSON/) })]),
    );

    const metrics = await request(pipeline.http()).get('/api/metrics').set(staff).expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toMatch(/^dbolt_queue_dead_letters 2$/m);
    expect(metrics.text).toMatch(/^dbolt_jobs\{status="complete"\} \d+$/m);
    const workerMetrics = await worker.get(MetricsController).metrics();
    expect(workerMetrics).toMatch(/^dbolt_worker_dead_lettered_total\{worker="[^"]+"\} 2$/m);
    expect(workerMetrics).toMatch(/^dbolt_breaker_state\{worker="[^"]+"\} 0$/m);
  });
});

describe('dead letters: recorded as events, listed and redriven through the API', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 3, env: { QUEUE_MAX_RECEIVE_COUNT: '3' } });
  });
  afterAll(async () => pipeline?.close());

  it('moves a message received 3 times to the DLQ, records SubmissionDeadLettered, and redrive completes the job', async () => {
    const jobId = await pipeline.createJob(customerId('starter', 1));
    // Three deliveries that are never acked: three crashed workers.
    for (let delivery = 1; delivery <= 3; delivery += 1) {
      const [message] = await eventually(async () => {
        const got = await pipeline.queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 200, visibilityMs: 1000 });
        return got.length > 0 ? got : null;
      });
      expect(message.receiveCount).toBe(delivery);
    }
    await eventually(async () =>
      (await pipeline.queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 200 })).length === 0 &&
      (await pipeline.queue.listDeadLetters({ limit: 5 })).length === 1
        ? true
        : null,
    );
    const lastOf = (type: string) =>
      eventually(async () => (await pipeline.submissionEvents(jobId, 'dir-001')).filter((e) => e.type === type).at(-1) ?? null);
    const deadLettered = await lastOf('SubmissionDeadLettered');
    expect(deadLettered.data).toMatchObject({ jobId, directoryId: 'dir-001', reason: expect.stringMatching(/maxReceiveCount/) });

    const listed = await request(pipeline.http()).get('/api/admin/dlq').set(staff).expect(200);
    expect(listed.body.deadLetters).toHaveLength(1);
    const letter = listed.body.deadLetters[0];
    expect(letter).toMatchObject({
      jobId,
      directoryId: 'dir-001',
      receiveCount: expect.any(Number),
      error: expect.stringMatching(/maxReceiveCount/),
    });
    expect(letter.receiveCount).toBeGreaterThanOrEqual(3);
    expect(letter.firstFailureAt).toEqual(expect.any(String));

    await request(pipeline.http()).post('/api/admin/dlq/redrive').set(staff).send({ ids: 'nope' }).expect(400);
    const badLimit = await request(pipeline.http()).get('/api/admin/dlq?limit=101').set(staff).expect(400);
    expect(badLimit.body.message).toMatch(/limit must not be greater than 100/);
    const redrive = await request(pipeline.http())
      .post('/api/admin/dlq/redrive')
      .set(staff)
      .send({ ids: [letter.id, 'missing-id'] })
      .expect(200);
    expect(redrive.body.redriven).toEqual([{ id: letter.id, jobId, directoryId: 'dir-001' }]);
    expect(redrive.body.skipped).toEqual([{ id: 'missing-id', reason: 'no such dead letter' }]);
    const redriven = await lastOf('SubmissionRedriven');
    expect(redriven.metadata.actor).toMatchObject({ kind: 'staff' });
    expect(await pipeline.queue.listDeadLetters({ limit: 5 })).toHaveLength(0);

    const submitter = new RecordingSubmitter();
    await pipeline.startWorker(submitter); // closed with the pipeline
    expect((await pipeline.waitForJob(jobId, ['JobCompleted'])).type).toBe('JobCompleted');
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(1);
    // Its only submission dead-lettered, the job had failed with it counted; the redrive reopened it.
    expect((await pipeline.jobEvents(jobId)).map((e) => e.type).slice(2)).toEqual(['JobFailed', 'JobReopened', 'JobCompleted']);
  });
});
