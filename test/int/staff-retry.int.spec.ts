import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { SubmissionOutcome } from '../../src/workers/submitter.port';
import request from 'supertest';
import { eventually } from '../support/eventually';
import { randomUUID } from 'node:crypto';
import { encodeSubmissionMessage } from '../../src/queue/submission-message';
import { customerId, startPipeline, staff, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter, type Behaviour } from '../support/recording-submitter';

const none = { evidencePath: null, mappingUsed: null };
/** Before the retry the sites misbehave; after it (a person fixed things) they accept. */
let fixed = false;
const behaviour: Behaviour = (req, calls): SubmissionOutcome => {
  const name = req.business.businessName;
  if (name === 'Biz pro 3' && !fixed && req.directoryId === 'dir-001')
    return { kind: 'permanent', message: 'no listing form found', ...none };
  if (name === 'Biz pro 3' && !fixed && req.directoryId === 'dir-002')
    return { kind: 'needs_manual', reason: 'captcha', message: 'captcha', ...none };
  // Transient three times (the whole budget), once more after the retry, then it works.
  if (name === 'Biz starter 1' && calls <= 4) return { kind: 'transient', message: `HTTP 503 (call ${calls})`, ...none };
  return { kind: 'success', listingUrl: `https://listing.test/${req.jobId}/${req.directoryId}`, ...none };
};

const types = (events: readonly RecordedEvent[]): string[] => events.map((e) => e.type);

describe('staff retry of failed and parked submissions: POST /api/jobs/:id/retry', () => {
  let pipeline: Pipeline;
  const submitter = new RecordingSubmitter(behaviour);

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 3 });
    await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '3' });
  });
  afterAll(async () => pipeline?.close());

  const etag = async (jobId: string): Promise<string> =>
    (await request(pipeline.http()).get(`/api/jobs/${jobId}`).set(staff).expect(200)).headers.etag;
  const retry = (jobId: string, ifMatch: string | null, body: object) => {
    const call = request(pipeline.http()).post(`/api/jobs/${jobId}/retry`).set(staff);
    return (ifMatch === null ? call : call.set('If-Match', ifMatch)).send(body);
  };
  const finishedTimes = (jobId: string, n: number) =>
    eventually(
      async () => {
        const events = await pipeline.jobEvents(jobId);
        return events.filter((e) => e.type === 'JobCompleted' || e.type === 'JobFailed').length >= n ? events : null;
      },
      { timeoutMs: 30_000 },
    );

  it("reopens a complete job's failed and parked submissions, resubmits only those, and completes it again", async () => {
    const jobId = await pipeline.createJob(customerId('pro', 3));
    await finishedTimes(jobId, 1);
    const before = await etag(jobId);
    // What staff look at first: the directories that failed or wait for a person.
    const toRetry = await eventually(async () => {
      const res = await request(pipeline.http()).get(`/api/jobs/${jobId}/submissions?status=failed,needs_manual`).set(staff).expect(200);
      return res.body.submissions.length === 2 ? res.body.submissions : null;
    });
    expect(toRetry).toEqual([
      expect.objectContaining({
        directoryId: 'dir-001',
        status: 'failed',
        attempts: 1,
        lastErrorClass: 'permanent',
        lastError: 'no listing form found',
      }),
      expect.objectContaining({ directoryId: 'dir-002', status: 'needs_manual', manualReason: 'captcha', finishedAt: expect.any(String) }),
    ]);
    const badFilter = await request(pipeline.http()).get(`/api/jobs/${jobId}/submissions?status=failed,lost`).set(staff).expect(400);
    expect(JSON.stringify(badFilter.body)).toMatch(/status must be a comma-separated list of scheduled, in_progress/);
    await request(pipeline.http()).get('/api/jobs/00000000-0000-4000-8000-000000000000/submissions').set(staff).expect(404);

    fixed = true;
    const response = await retry(jobId, before, { reason: 'captcha solved by hand; form fixed' }).expect(200);
    expect(response.body).toMatchObject({ jobId, status: 'queued', statusReason: 'requeued: manual: captcha solved by hand; form fixed' });
    expect(response.body.retriedDirectoryIds).toEqual(['dir-001', 'dir-002']);

    const events = await finishedTimes(jobId, 2);
    expect(types(events)).toEqual(['JobCreated', 'JobQueued', 'JobStarted', 'JobCompleted', 'JobRequeued', 'JobStarted', 'JobCompleted']);
    expect(events[4]).toMatchObject({
      data: { reason: 'manual', directoryIds: ['dir-001', 'dir-002'] },
      metadata: { actor: { kind: 'staff' } },
    });
    expect(events[6].data).toMatchObject({ counts: { succeeded: 3, failed: 0, needsManual: 0, skipped: 0 } });
    expect(['dir-001', 'dir-002', 'dir-003'].map((d) => submitter.callsFor(jobId, d))).toEqual([2, 2, 1]);

    const parked = await pipeline.submissionEvents(jobId, 'dir-002');
    expect(types(parked)).toEqual([
      'SubmissionScheduled',
      'SubmissionAttemptStarted',
      'SubmissionNeedsManual',
      'SubmissionReopened',
      'SubmissionAttemptStarted',
      'SubmissionSucceeded',
    ]);
    expect(parked[3].data).toMatchObject({ from: 'needs_manual', requeueId: events[4].metadata.eventId, attemptsBefore: 1 });

    // The read models follow: the job is complete again, every row succeeded, the history shows the reopening.
    await eventually(async () => {
      const { rows } = await pipeline.db.pool.query<{ status: string; finished_at: Date | null }>(
        `SELECT status, finished_at FROM jobs WHERE id = $1`,
        [jobId],
      );
      return rows[0]?.status === 'complete' && rows[0].finished_at !== null ? true : null;
    });
    // Each projection has its own checkpoint: job_results may trail jobs by a moment.
    const all = await eventually(async () => {
      const res = await request(pipeline.http()).get(`/api/jobs/${jobId}/submissions`).set(staff).expect(200);
      return res.body.submissions.every((r: { status: string }) => r.status === 'succeeded') ? res : null;
    });
    expect(
      all.body.submissions.map((r: { directoryId: string; status: string; attempts: number; manualReason: string | null }) => [
        r.directoryId,
        r.status,
        r.attempts,
        r.manualReason,
      ]),
    ).toEqual([
      ['dir-001', 'succeeded', 2, null],
      ['dir-002', 'succeeded', 2, null],
      ['dir-003', 'succeeded', 1, null],
    ]);
    await eventually(async () => {
      const history = await pipeline.db.pool.query(`SELECT 1 FROM queue_history WHERE job_id = $1 AND event = 'SubmissionReopened'`, [
        jobId,
      ]);
      return history.rowCount === 2 ? true : null;
    });
    // Replaying the log from scratch gives the same rows as applying the reopening live.
    for (const name of ['jobs', 'job_results', 'queue_history']) {
      const verify = await request(pipeline.http()).post(`/api/admin/projections/${name}/verify`).set(staff).expect(200);
      expect({ name, ok: verify.body.ok }).toEqual({ name, ok: true });
    }

    // Nothing is left to retry.
    const nothing = await retry(jobId, await etag(jobId), { reason: 'again' }).expect(409);
    expect(nothing.body.message).toBe(`Cannot retry job ${jobId}: it has no failed or needs-manual submissions`);
  });

  it("gives a failed job's exhausted submission a fresh retry budget", async () => {
    const jobId = await pipeline.createJob(customerId('starter', 1));
    expect(types(await finishedTimes(jobId, 1)).at(-1)).toBe('JobFailed');
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(3);

    await retry(jobId, await etag(jobId), { reason: 'site back up', directoryIds: ['dir-001'] }).expect(200);
    expect(types(await finishedTimes(jobId, 2)).at(-1)).toBe('JobCompleted');
    // Attempt 4 failed transiently and was retried (a fresh budget), attempt 5 succeeded.
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(5);
    const tail = types(await pipeline.submissionEvents(jobId, 'dir-001')).slice(-5);
    expect(tail).toEqual([
      'SubmissionReopened',
      'SubmissionAttemptStarted',
      'SubmissionRetryScheduled',
      'SubmissionAttemptStarted',
      'SubmissionSucceeded',
    ]);
  });

  it('refuses bad retries with a 4xx naming the problem and writes nothing', async () => {
    fixed = false;
    const jobId = await pipeline.createJob(customerId('pro', 3));
    await finishedTimes(jobId, 1);
    const version = await etag(jobId);
    const cases: [string | null, object, number, RegExp][] = [
      [null, { reason: 'x' }, 428, /If-Match/],
      ['"1"', { reason: 'x' }, 409, /version/i],
      [version, {}, 400, /reason/],
      [version, { reason: '  ' }, 400, /reason must not be blank/],
      [version, { reason: 'x', directoryIds: [] }, 400, /directoryIds/],
      [version, { reason: 'x', directoryIds: ['dir-001', 'dir-001'] }, 400, /must not repeat/],
      [version, { reason: 'x', directoryIds: 'dir-001' }, 400, /directoryIds/],
      [version, { reason: 'x', directoryIds: ['dir-404'] }, 400, /directory dir-404 is not part of the job/],
      [version, { reason: 'x', directoryIds: ['dir-001', 'dir-003'] }, 409, /directory dir-003 is succeeded \(only failed or needs-manual/],
    ];
    for (const [ifMatch, body, status, message] of cases) {
      const response = await retry(jobId, ifMatch, body).expect(status);
      expect(JSON.stringify(response.body)).toMatch(message);
      expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.ts:\d+/);
    }
    await retry('no-such-job', '"1"', { reason: 'x' }).expect((res) => expect([400, 404]).toContain(res.status));
    expect(await etag(jobId)).toBe(version);
    expect(types(await pipeline.jobEvents(jobId)).at(-1)).toBe('JobCompleted');
  });

  it('a worker whose retry message arrives before the scheduler reaction reopens the submission itself, once', async () => {
    fixed = false;
    const jobId = await pipeline.createJob(customerId('pro', 3));
    const finished = await finishedTimes(jobId, 1);
    fixed = true;
    // The reopening by the reaction has not happened (there is no JobRequeued at all): only the message says "reopen".
    const requeueId = randomUUID();
    const body = encodeSubmissionMessage({
      jobId,
      directoryId: 'dir-001',
      attempt: 2,
      priority: 'P2',
      correlationId: finished[0].metadata.correlationId,
      causationId: requeueId,
      reopen: true,
    });
    await pipeline.queue.send([
      { id: 'reopen-1', priority: 'P2', body },
      { id: 'reopen-2', priority: 'P2', body },
    ]);
    const events = await eventually(async () => {
      const found = await pipeline.submissionEvents(jobId, 'dir-001');
      return found.at(-1)?.type === 'SubmissionSucceeded' ? found : null;
    });
    expect(types(events).slice(2)).toEqual(['SubmissionFailed', 'SubmissionReopened', 'SubmissionAttemptStarted', 'SubmissionSucceeded']);
    expect(events[3].metadata.actor).toMatchObject({ kind: 'worker' });
    await eventually(async () => {
      const { P2 } = (await pipeline.queue.depth()).tiers;
      return P2.visible + P2.inFlight + P2.delayed === 0 ? true : null;
    });
    // The second copy of the message found the reopening done and the submission finished: no second submission.
    expect(submitter.callsFor(jobId, 'dir-001')).toBe(2);
  });
});
