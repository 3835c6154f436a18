import { Logger, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';
import { bootApp } from '../support/app-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const TOKEN = 'e2e-jobs-api-token-123';
const auth = { Authorization: `Bearer ${TOKEN}` };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STACK_TRACE = /\n\s+at |\bat \S+ \(|\.[jt]s:\d+/;
const ZERO = '00000000-0000-4000-8000-000000000000';

describe('jobs API (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  const http = (): App => app.getHttpServer() as App;

  const createJob = async (customerId: string, headers: Record<string, string> = {}): Promise<string> => {
    const response = await request(http()).post(`/api/queue/${customerId}`).set(auth).set(headers).expect(201);
    return response.body.jobId as string;
  };
  const patch = (jobId: string, ifMatch: string | null, body: object): request.Test => {
    const test = request(http()).patch(`/api/jobs/${jobId}`).set(auth).send(body);
    return ifMatch === null ? test : test.set('If-Match', ifMatch);
  };
  const streamTypes = async (jobId: string): Promise<string[]> =>
    (await store.readStream(jobStreamId(jobId))).events.map((e) => e.type);

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_jobs_api');
    await seedCatalog(db);
    // No reactor: nothing but these tests writes to the job streams, so versions are predictable.
    app = await bootApp({
      DATABASE_URL: db.url, STAFF_API_TOKEN: TOKEN, HTTP_BODY_LIMIT_BYTES: '2048', ROLES: 'api,projector', SUBSCRIPTION_POLL_MS: '50',
    });
    // Listening once up front: supertest would otherwise start and stop the server per request.
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('POST /api/queue/:customerId', () => {
    it('creates and queues a job for the package, with the actor and correlation on every event', async () => {
      const response = await request(http()).post('/api/queue/acme').set(auth)
        .set({ 'X-Staff-Id': 'alice', 'X-Correlation-Id': 'corr-create-1' }).expect(201);
      const { jobId } = response.body;
      expect(response.body).toEqual({ jobId: expect.stringMatching(UUID), status: 'queued', priority: 'P2', directoryCount: 3, version: 2 });
      expect(response.headers.location).toBe(`/api/jobs/${jobId}`);
      expect(response.headers.etag).toBe('"2"');
      expect(response.headers['x-correlation-id']).toBe('corr-create-1');
      const { events } = await store.readStream(jobStreamId(jobId));
      expect(events.map((e) => e.type)).toEqual(['JobCreated', 'JobQueued']);
      expect(events[0].data).toMatchObject({ customerId: 'acme', packageTier: 'growth', priority: 'P2', directoryIds: ['d-90', 'd-80', 'd-70'] });
      expect((events[0].data as { business: object }).business).toMatchObject({ businessName: 'Acme Plumbing', email: 'owner@acme.test', city: 'Springfield' });
      for (const event of events) {
        expect(event.metadata).toMatchObject({ actor: { kind: 'staff', id: 'alice' }, correlationId: 'corr-create-1', causationId: 'corr-create-1' });
      }
    });

    it('makes up a correlation id and names the actor "staff" when the headers are absent', async () => {
      const response = await request(http()).post('/api/queue/acme').set(auth).expect(201);
      const correlationId = response.headers['x-correlation-id'];
      expect(correlationId).toMatch(UUID);
      const { events } = await store.readStream(jobStreamId(response.body.jobId));
      expect(events[0].metadata).toMatchObject({ actor: { kind: 'staff', id: 'staff' }, correlationId, causationId: correlationId });
    });

    it('returns the same job (200) when the POST is retried with the same Idempotency-Key', async () => {
      const first = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-77').expect(201);
      const retry = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-77').expect(200);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(`/api/jobs/${first.body.jobId}`);
      expect(await streamTypes(first.body.jobId)).toEqual(['JobCreated', 'JobQueued']);
      const other = await request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-78').expect(201);
      expect(other.body.jobId).not.toBe(first.body.jobId);
      const racing = await Promise.all([1, 2].map(() => request(http()).post('/api/queue/acme').set(auth).set('Idempotency-Key', 'order-79')));
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
        error: 'catalog_too_small', message: expect.stringContaining('only 5 active directories exist'), required: 50, available: 5,
      });
    });
  });

  describe('GET /api/queue/:customerId', () => {
    it("lists the customer's jobs newest first, with submission counts by status", async () => {
      const older = await createJob('lister');
      const newer = await createJob('lister');
      await writeSubmission(store, newer, 'd-90', 'succeeded');
      await writeSubmission(store, newer, 'd-80', 'retried');
      const body = await eventually(async () => {
        const { body } = await request(http()).get('/api/queue/lister').set(auth).expect(200);
        return body.jobs.length === 2 && body.jobs[0].submissions.total === 2 ? body : null;
      });
      expect(body.customerId).toBe('lister');
      expect(body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([newer, older]);
      expect(body.jobs[0]).toMatchObject({ status: 'queued', priority: 'P3', packageTier: 'starter', directoryCount: 2, version: 2 });
      expect(body.jobs[0].submissions.byStatus).toMatchObject({ succeeded: 1, retry_scheduled: 1, scheduled: 0 });
      expect(body.jobs[1].submissions.total).toBe(0);
      const limited = await request(http()).get('/api/queue/lister?limit=1').set(auth).expect(200);
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
      await writeSubmission(store, jobId, 'd-70', 'succeeded');
      const body = await eventually(async () => {
        const { body, headers } = await request(http()).get(`/api/jobs/${jobId.toUpperCase()}`).set(auth).expect(200);
        expect(headers.etag).toBe('"2"');
        return body.submissions.total === 1 ? body : null;
      });
      expect(body).toMatchObject({
        jobId, customerId: 'acme', businessName: 'Acme Plumbing', packageTier: 'growth', priority: 'P2', status: 'queued',
        statusReason: null, directoryIds: ['d-90', 'd-80', 'd-70'], deadLettered: [], counts: null, version: 2,
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

  describe('PATCH /api/jobs/:id', () => {
    it('overrides the status at the version the caller saw, and answers with the new job and ETag', async () => {
      const jobId = await createJob('acme');
      const response = await patch(jobId, '"2"', { status: 'failed', reason: 'customer asked' }).set('X-Staff-Id', 'bob').expect(200);
      expect(response.headers.etag).toBe('"3"');
      expect(response.body).toMatchObject({ jobId, status: 'failed', statusReason: 'override by bob: customer asked', version: 3 });
      const { events } = await store.readStream(jobStreamId(jobId));
      expect(events[2]).toMatchObject({
        type: 'JobStatusOverridden', data: { jobId, from: 'queued', to: 'failed', reason: 'customer asked', staffId: 'bob' },
        metadata: { actor: { kind: 'staff', id: 'bob' } },
      });
      await patch(jobId, 'W/"3"', { status: 'queued', reason: 'retry it' }).expect(200);
      await patch(jobId, '4', { status: 'in_progress', reason: 'worker has it' }).expect(200);
    });

    it('refuses a stale version with 409 and the current version, appending nothing', async () => {
      const jobId = await createJob('acme');
      await patch(jobId, '"2"', { status: 'failed', reason: 'first' }).expect(200);
      const stale = await patch(jobId, '"2"', { status: 'complete', reason: 'second' }).expect(409);
      expect(stale.body).toEqual({ error: 'version_conflict', message: expect.stringContaining('version 3'), expectedVersion: 2, currentVersion: 3 });
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued', 'JobStatusOverridden']);
    });

    it('audit §8.1: two concurrent edits with the same If-Match give one 200, one 409, and no lost update', async () => {
      for (let round = 0; round < 5; round++) {
        const jobId = await createJob('acme');
        const [a, b] = await Promise.all([
          patch(jobId, '"2"', { status: 'complete', reason: 'staff A: done' }).set('X-Staff-Id', 'staff-a'),
          patch(jobId, '"2"', { status: 'failed', reason: 'staff B: broken' }).set('X-Staff-Id', 'staff-b'),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const loser = a.status === 409 ? a : b;
        expect(loser.body).toMatchObject({ error: 'version_conflict', expectedVersion: 2, currentVersion: 3 });
        const { events, version } = await store.readStream(jobStreamId(jobId));
        expect(events.filter((e) => e.type === 'JobStatusOverridden')).toHaveLength(1);
        expect(version).toBe(3);
        const winner = a.status === 200 ? a : b;
        expect(events[2].data).toMatchObject({ to: winner.body.status });
      }
    });

    it('needs If-Match (428), a single version in it (400), and an existing job (404)', async () => {
      const jobId = await createJob('acme');
      const missing = await patch(jobId, null, { status: 'failed', reason: 'x' }).expect(428);
      expect(missing.body).toEqual({ error: 'precondition_required', message: expect.stringContaining('If-Match') });
      for (const bad of ['*', '"abc"', '"1", "2"']) {
        expect((await patch(jobId, bad, { status: 'failed', reason: 'x' }).expect(400)).body.error).toBe('invalid_if_match');
      }
      await patch(ZERO, '"2"', { status: 'failed', reason: 'x' }).expect(404);
      await patch('nope', '"2"', { status: 'failed', reason: 'x' }).expect(400);
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued']);
    });

    it('validates the body: unknown fields, bad values, malformed JSON, oversized bodies, no-op overrides', async () => {
      const jobId = await createJob('acme');
      const unknownField = await patch(jobId, '"2"', { status: 'failed', reason: 'x', force: true }).expect(400);
      expect(unknownField.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('property force should not exist') });
      expect((await patch(jobId, '"2"', { status: 'exploded', reason: 'x' }).expect(400)).body.message).toContain('status');
      expect((await patch(jobId, '"2"', { status: 'failed', reason: '   ' }).expect(400)).body.message).toContain('reason');
      expect((await patch(jobId, '"2"', { status: 'failed' }).expect(400)).body.error).toBe('validation_failed');
      expect((await patch(jobId, '"2"', [{ status: 'failed', reason: 'x' }]).expect(400)).body.error).toBe('validation_failed');
      const malformed = await request(http()).patch(`/api/jobs/${jobId}`).set(auth).set('If-Match', '"2"')
        .set('Content-Type', 'application/json').send('{"status": "failed",').expect(400);
      expect(malformed.body.error).toBe('malformed_json');
      const oversized = await patch(jobId, '"2"', { status: 'failed', reason: 'x'.repeat(4096) }).expect(413);
      expect(oversized.body).toEqual({ error: 'payload_too_large', message: expect.stringContaining('2048 bytes') });
      const noop = await patch(jobId, '"2"', { status: 'queued', reason: 'same' }).expect(400);
      expect(noop.body).toEqual({ error: 'invalid_command', message: expect.stringContaining('already queued') });
      expect(await streamTypes(jobId)).toEqual(['JobCreated', 'JobQueued']);
    });
  });

  describe('POST /api/jobs/:id/cancel', () => {
    it('cancels at the version seen; a second cancel is an illegal transition; If-Match and reason are required', async () => {
      const jobId = await createJob('acme');
      const cancel = (ifMatch: string | null, body: object): request.Test => {
        const test = request(http()).post(`/api/jobs/${jobId}/cancel`).set(auth).send(body);
        return ifMatch === null ? test : test.set('If-Match', ifMatch);
      };
      await cancel(null, { reason: 'customer refund' }).expect(428);
      await cancel('"2"', { reason: '' }).expect(400);
      const done = await cancel('"2"', { reason: 'customer refund' }).expect(200);
      expect(done.headers.etag).toBe('"3"');
      expect(done.body).toMatchObject({ jobId, status: 'cancelled', statusReason: 'customer refund', version: 3 });
      expect((await cancel('"3"', { reason: 'again' }).expect(409)).body.error).toBe('illegal_transition');
      expect((await cancel('"2"', { reason: 'stale' }).expect(409)).body.error).toBe('version_conflict');
    });
  });

  describe('GET /api/jobs/:id/events', () => {
    it("merges the job stream and its submission streams in global order, with the audit fields", async () => {
      const jobId = await createJob('acme', { 'X-Correlation-Id': 'corr-timeline' });
      await writeSubmission(store, jobId, 'd-80', 'retried');
      await writeSubmission(store, jobId, 'd-90', 'succeeded');
      await patch(jobId, '"2"', { status: 'complete', reason: 'all good' }).expect(200);
      const { body } = await request(http()).get(`/api/jobs/${jobId}/events`).set(auth).expect(200);
      expect(body.jobId).toBe(jobId);
      const entries = body.events as { position: number; stream: string; type: string; [k: string]: unknown }[];
      expect(entries.map((e) => e.type)).toEqual([
        'JobCreated', 'JobQueued', 'SubmissionScheduled', 'SubmissionAttemptStarted', 'SubmissionRetryScheduled',
        'SubmissionScheduled', 'SubmissionAttemptStarted', 'SubmissionSucceeded', 'JobStatusOverridden',
      ]);
      expect(entries.map((e) => e.position)).toEqual([...entries.map((e) => e.position)].sort((a, b) => a - b));
      expect(entries[0]).toMatchObject({
        stream: jobStreamId(jobId), version: 1, actor: { kind: 'staff', id: 'staff' }, correlationId: 'corr-timeline',
        causationId: 'corr-timeline', at: expect.any(String), data: expect.objectContaining({ jobId }),
      });
      expect(entries[4]).toMatchObject({
        stream: submissionStreamId(jobId, 'd-80'), directoryId: 'd-80', attempt: 2, delayMs: 31000, errorClass: 'transient', message: 'HTTP 503',
      });
      await request(http()).get(`/api/jobs/${ZERO}/events`).set(auth).expect(404);
    });
  });

  describe('auth and errors', () => {
    const endpoints: [string, string][] = [
      ['post', '/api/queue/acme'], ['get', '/api/queue/acme'], ['get', `/api/jobs/${ZERO}`],
      ['patch', `/api/jobs/${ZERO}`], ['post', `/api/jobs/${ZERO}/cancel`], ['get', `/api/jobs/${ZERO}/events`],
    ];

    it('answers 401 JSON on every staff endpoint without a token, with a wrong one, or another scheme; health stays public', async () => {
      for (const [method, path] of endpoints) {
        for (const header of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer']) {
          const test = request(http())[method as 'get'](path);
          const response = await (header ? test.set('Authorization', header) : test).expect(401);
          expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
          expect(response.headers['www-authenticate']).toBe('Bearer');
        }
      }
      await request(http()).get('/api/health').expect(200);
    });

    it('answers an unexpected failure with 500, the correlation id and a log line, never a stack trace', async () => {
      // Hides the read model for a moment: the query fails in a way no handler expects.
      await db.pool.query('ALTER VIEW jobs RENAME TO jobs_hidden_by_test');
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const response = await request(http()).get('/api/queue/acme').set(auth).set('X-Correlation-Id', 'corr-500').expect(500);
        expect(response.body).toEqual({ error: 'internal_error', message: 'Internal server error', correlationId: 'corr-500' });
        expect(logged).toHaveBeenCalledWith(expect.stringMatching(/corr-500.*relation "jobs" does not exist/s));
      } finally {
        logged.mockRestore();
        await db.pool.query('ALTER VIEW jobs_hidden_by_test RENAME TO jobs');
      }
    });

    it('never puts a stack trace in an error body, and every error body has a snake_case error and a message', async () => {
      const jobId = await createJob('acme');
      const responses = await Promise.all([
        request(http()).get('/api/nope'),
        request(http()).get('/api/queue/acme'),
        request(http()).get('/api/jobs/zzz').set(auth),
        request(http()).get(`/api/jobs/${ZERO}`).set(auth),
        request(http()).post('/api/queue/big-co').set(auth),
        patch(jobId, null, { status: 'failed', reason: 'x' }),
        patch(jobId, '"9"', { status: 'failed', reason: 'x' }),
        patch(jobId, '"2"', { status: 1 }),
        request(http()).patch(`/api/jobs/${jobId}`).set(auth).set('If-Match', '2').set('Content-Type', 'application/json').send('{'),
        patch(jobId, '"2"', { status: 'failed', reason: 'y'.repeat(5000) }),
      ]);
      for (const response of responses) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.body).toEqual(expect.objectContaining({ error: expect.stringMatching(/^[a-z][a-z0-9_]*$/), message: expect.any(String) }));
        expect(JSON.stringify(response.body)).not.toMatch(STACK_TRACE);
      }
    });
  });
});


async function seedCatalog(db: TestDatabase): Promise<void> {
  await db.pool.query(`INSERT INTO directories (id, name, url, submission_url, domain, domain_authority, active) VALUES
    ('d-90', 'Ninety', 'https://d90.test', 'https://d90.test/add', 'd90.test', 90, true),
    ('d-80', 'Eighty', 'https://d80.test', 'https://d80.test/add', 'd80.test', 80, true),
    ('d-70', 'Seventy', 'https://d70.test', 'https://d70.test/add', 'd70.test', 70, true),
    ('d-null', 'Unrated', 'https://dn.test', 'https://dn.test/add', 'dn.test', NULL, true),
    ('d-60', 'Sixty', 'https://d60.test', 'https://d60.test/add', 'd60.test', 60, true),
    ('d-99-off', 'Retired', 'https://d99.test', 'https://d99.test/add', 'd99.test', 99, false)`);
  await db.pool.query(`INSERT INTO customers (id, business_name, email, city, package_tier, package_size) VALUES
    ('acme', 'Acme Plumbing', 'owner@acme.test', 'Springfield', 'growth', 3),
    ('lister', 'Lister Ltd', 'hi@lister.test', 'Leeds', 'starter', 2),
    ('big-co', 'Big Co', 'ops@big.test', 'Metropolis', 'pro', 50)`);
}

type SubmissionPlan = 'succeeded' | 'retried';

/** Writes a submission's history as workers would (the reactor is off in this suite). */
async function writeSubmission(store: EventStore, jobId: string, directoryId: string, plan: SubmissionPlan): Promise<void> {
  const ids = { jobId, directoryId };
  const events: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `key-${jobId}-${directoryId}`, priority: 'P2' } },
    { type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'worker-1', attempt: 1 } },
    plan === 'retried'
      ? { type: 'SubmissionRetryScheduled', data: { ...ids, attempt: 2, delayMs: 31_000, errorClass: 'transient', message: 'HTTP 503' } }
      : { type: 'SubmissionSucceeded', data: { ...ids, attempt: 1, listingUrl: 'https://listing.test/1', evidencePath: null } },
  ];
  await store.appendToStream(submissionStreamId(jobId, directoryId), events, { expectedVersion: 'no_stream', actor: { kind: 'worker', id: 'worker-1' } });
}

/** Polls until `probe` returns a value: the read models trail the event store by a moment. */
async function eventually<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`read model did not catch up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
