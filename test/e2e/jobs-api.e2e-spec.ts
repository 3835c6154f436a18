import { submissionStreamId } from '../../src/submissions/submission.events';
import request from 'supertest';
import { jobStreamId } from '../../src/jobs/job.events';
import { auth, useJobsApi, UUID, writeSubmission, ZERO } from '../support/jobs-api-suite';
import { eventually } from '../support/eventually';

describe('jobs API: create and read (machine PostgreSQL)', () => {
  const suite = useJobsApi();
  const { http, createJob, patch, streamTypes } = suite;

  describe('POST /api/queue/:customerId', () => {
    it("creates and queues a job for the package, with the session's actor (never a header's) and correlation on every event", async () => {
      const response = await request(http())
        .post('/api/queue/acme')
        .set(auth)
        .set({ 'X-Staff-Id': 'alice', 'X-Correlation-Id': 'corr-create-1' })
        .expect(201);
      const { jobId } = response.body;
      expect(response.body).toEqual({
        jobId: expect.stringMatching(UUID),
        status: 'queued',
        priority: 'P2',
        directoryCount: 3,
        version: 2,
      });
      expect(response.headers.location).toBe(`/api/jobs/${jobId}`);
      expect(response.headers.etag).toBe('"2"');
      expect(response.headers['x-correlation-id']).toBe('corr-create-1');
      const { events } = await suite.store().readStream(jobStreamId(jobId));
      expect(events.map((e) => e.type)).toEqual(['JobCreated', 'JobQueued']);
      expect(events[0].data).toMatchObject({
        customerId: 'acme',
        packageTier: 'growth',
        priority: 'P2',
        directoryIds: ['d-90', 'd-80', 'd-70'],
      });
      expect((events[0].data as { business: object }).business).toMatchObject({
        businessName: 'Acme Plumbing',
        email: 'owner@acme.test',
        city: 'Springfield',
      });
      for (const event of events) {
        expect(event.metadata).toMatchObject({ actor: suite.admin().actor, correlationId: 'corr-create-1', causationId: 'corr-create-1' });
      }
    });

    it('makes up a correlation id when the header is absent', async () => {
      const response = await request(http()).post('/api/queue/acme').set(auth).expect(201);
      const correlationId = response.headers['x-correlation-id'];
      expect(correlationId).toMatch(UUID);
      const { events } = await suite.store().readStream(jobStreamId(response.body.jobId));
      expect(events[0].metadata).toMatchObject({ actor: suite.admin().actor, correlationId, causationId: correlationId });
    });

    it('returns the same job (200) when the POST is retried with the same Idempotency-Key', async () => {
      const first = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-77').expect(201);
      const retry = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-77').expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(`/api/jobs/${first.body.jobId}`);
      expect(await streamTypes(first.body.jobId)).toEqual(['JobCreated', 'JobQueued']);
      const other = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-78').expect(201);
      expect(other.body.jobId).not.toBe(first.body.jobId);
      const racing = await Promise.all(
        [1, 2].map(() => request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-79')),
      );
      expect(racing.map((r) => r.status).every((status) => status === 200 || status === 201)).toBe(true);
      expect(racing[0].body.jobId).toBe(racing[1].body.jobId);
      expect(await streamTypes(racing[0].body.jobId)).toEqual(['JobCreated', 'JobQueued']);
    });

    it('answers 404 for an unknown customer, 400 for a malformed id or key, 409 when the catalog is too small', async () => {
      const unknown = await request(http()).post('/api/queue/nobody').set(auth).expect(404);
      expect(unknown.body).toEqual({ error: 'not_found', message: 'Customer nobody does not exist' });
      const malformed = await request(http()).post('/api/queue/bad%20id!').set(auth).expect(400);
      expect(malformed.body.error).toBe('invalid_customer_id');
      const badKey = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'has space').expect(400);
      expect(badKey.body.error).toBe('invalid_idempotency_key');
      const tooSmall = await request(http()).post('/api/queue/big-co').set(auth).expect(409);
      expect(tooSmall.body).toEqual({
        error: 'catalog_too_small',
        message: expect.stringContaining('only 5 active directories exist'),
        required: 50,
        available: 5,
      });
    });
  });

  describe('GET /api/queue/:customerId', () => {
    it("lists the customer's jobs newest first, with submission counts by status", async () => {
      const older = await createJob('lister');
      const newer = await createJob('lister');
      await writeSubmission(suite.store(), newer, 'd-90', 'succeeded');
      await writeSubmission(suite.store(), newer, 'd-80', 'retried');
      const body = await eventually(async () => {
        const { body } = await request(http()).get('/api/queue/lister').set(auth).expect(200);
        return body.jobs.length === 2 && body.jobs[0].submissions.total === 2 ? body : null;
      });
      expect(body.customerId).toBe('lister');
      expect(body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([newer, older]);
      expect(body.jobs[0]).toMatchObject({ status: 'queued', priority: 'P3', packageTier: 'starter', directoryCount: 2, version: 2 });
      expect(body.jobs[0].submissions.byStatus).toMatchObject({ succeeded: 1, retry_scheduled: 1, scheduled: 0 });
      expect(body.jobs[1].submissions.total).toBe(0);
      // The list formats its timestamps in SQL: the same ISO 8601 text as the job folded from its stream.
      const view = await request(http()).get(`/api/jobs/${older}`).set(auth).expect(200);
      expect(body.jobs[1].createdAt).toBe(view.body.createdAt);
      expect(body.jobs[1].updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const limited = await request(http()).get('/api/queue/lister?limit=1').set(auth).expect(200);
      // Only versions are ETags: the list has none (no hash of its body per request).
      expect(limited.headers.etag).toBeUndefined();
      expect(limited.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([newer]);
    });

    it('validates limit and refuses unknown query parameters; 404 for an unknown customer', async () => {
      for (const query of ['limit=0', 'limit=101', 'limit=abc', 'limit=1.5', 'page=2']) {
        const { body } = await request(http()).get(`/api/queue/lister?${query}`).set(auth).expect(400);
        expect(body.error).toBe('validation_failed');
      }
      await request(http()).get('/api/queue/nobody').set(auth).expect(404);
    });
  });

  describe('GET /api/jobs/:id', () => {
    it('folds the job from its stream, with its version as ETag and a submissions summary', async () => {
      const jobId = await createJob('acme');
      await writeSubmission(suite.store(), jobId, 'd-70', 'succeeded');
      const body = await eventually(async () => {
        const { body, headers } = await request(http()).get(`/api/jobs/${jobId.toUpperCase()}`).set(auth).expect(200);
        expect(headers.etag).toBe('"2"');
        return body.submissions.total === 1 ? body : null;
      });
      expect(body).toMatchObject({
        jobId,
        customerId: 'acme',
        businessName: 'Acme Plumbing',
        packageTier: 'growth',
        priority: 'P2',
        status: 'queued',
        statusReason: null,
        directoryIds: ['d-90', 'd-80', 'd-70'],
        deadLettered: [],
        counts: null,
        version: 2,
      });
      expect(body.submissions.byStatus.succeeded).toBe(1);
    });

    it('answers 404 for an unknown job and 400 for an id that is not a UUID', async () => {
      const unknown = await request(http()).get(`/api/jobs/${ZERO}`).set(auth).expect(404);
      expect(unknown.body.error).toBe('not_found');
      const malformed = await request(http()).get('/api/jobs/not-a-uuid').set(auth).expect(400);
      expect(malformed.body.error).toBe('invalid_job_id');
    });
  });

  describe('GET /api/jobs/:id/events', () => {
    it('merges the job stream and its submission streams in global order, with the audit fields', async () => {
      const jobId = await createJob('acme', { 'X-Correlation-Id': 'corr-timeline' });
      await writeSubmission(suite.store(), jobId, 'd-80', 'retried');
      await writeSubmission(suite.store(), jobId, 'd-90', 'succeeded');
      await patch(jobId, '"2"', { status: 'complete', reason: 'all good' }).expect(200);
      const { body } = await request(http()).get(`/api/jobs/${jobId}/events`).set(auth).expect(200);
      expect(body.jobId).toBe(jobId);
      const entries = body.events as { position: number; stream: string; type: string; [k: string]: unknown }[];
      expect(entries.map((e) => e.type)).toEqual([
        'JobCreated',
        'JobQueued',
        'SubmissionScheduled',
        'SubmissionAttemptStarted',
        'SubmissionRetryScheduled',
        'SubmissionScheduled',
        'SubmissionAttemptStarted',
        'SubmissionSucceeded',
        'JobStatusOverridden',
      ]);
      expect(entries.map((e) => e.position)).toEqual([...entries.map((e) => e.position)].sort((a, b) => a - b));
      expect(entries[0]).toMatchObject({
        stream: jobStreamId(jobId),
        version: 1,
        actor: suite.admin().actor,
        correlationId: 'corr-timeline',
        causationId: 'corr-timeline',
        at: expect.any(String),
        data: expect.objectContaining({ jobId }),
      });
      expect(entries[4]).toMatchObject({
        stream: submissionStreamId(jobId, 'd-80'),
        directoryId: 'd-80',
        attempt: 2,
        delayMs: 31000,
        errorClass: 'transient',
        message: 'HTTP 503',
      });
      await request(http()).get(`/api/jobs/${ZERO}/events`).set(auth).expect(404);
    });
  });
});
