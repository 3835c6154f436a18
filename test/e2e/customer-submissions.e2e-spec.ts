import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { withCustomerScope } from '../../src/database/customer-scope';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { seedCatalog, STACK_TRACE, ZERO } from '../support/jobs-api-suite';
import { customerSession, staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

/** `/api/submissions` reads and run requests with staff approval (the default), on machine PostgreSQL; no workers. */
describe('customer submissions API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let staff: TestSession;
  let acme: TestSession;
  let lister: TestSession;
  let acmeJob: string;
  let listerJob: string;
  const evidenceDir = join(tmpdir(), `dbolt-evidence-submissions-${process.pid}`);
  const http = (): App => app.getHttpServer() as App;

  const createJob = async (customerId: string): Promise<string> =>
    (await request(http()).post(`/api/queue/${customerId}`).set(staff.headers).expect(201)).body.jobId as string;
  const cancel = async (jobId: string): Promise<void> => {
    const { headers } = await request(http()).get(`/api/jobs/${jobId}`).set(staff.headers).expect(200);
    await request(http())
      .post(`/api/jobs/${jobId}/cancel`)
      .set(staff.headers)
      .set('If-Match', headers.etag)
      .send({ reason: 'test' })
      .expect(200);
  };
  const writeResult = async (
    jobId: string,
    directoryId: string,
    last: 'succeeded' | 'failed',
    evidencePath: string | null,
  ): Promise<void> => {
    const ids = { jobId, directoryId };
    const end: SubmissionEvent =
      last === 'succeeded'
        ? { type: 'SubmissionSucceeded', data: { ...ids, attempt: 1, listingUrl: `https://${directoryId}.test/l/1`, evidencePath } }
        : { type: 'SubmissionFailed', data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'internal detail', evidencePath } };
    await store.appendToStream(
      submissionStreamId(jobId, directoryId),
      [
        { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `key-${jobId}-${directoryId}`, priority: 'P2' } },
        { type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'worker-secret', attempt: 1 } },
        end,
      ],
      { expectedVersion: 'no_stream' },
    );
  };
  const jobsStatus = async (jobId: string, status: string): Promise<void> => {
    await eventually(async () =>
      (await db.pool.query('SELECT 1 FROM jobs WHERE id = $1 AND status = $2', [jobId, status])).rowCount ? true : null,
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_customer_submissions');
    await seedCatalog(db);
    [staff, acme, lister] = [
      await staffSession(db.pool, { role: 'staff' }),
      await customerSession(db.pool, 'acme'),
      await customerSession(db.pool, 'lister'),
    ];
    await mkdir(join(evidenceDir, 'shots'), { recursive: true });
    await writeFile(join(evidenceDir, 'shots', 'acme.png'), PNG);
    await writeFile(join(evidenceDir, 'shots', 'lister.png'), PNG);
    await writeFile(join(tmpdir(), 'outside-evidence.png'), PNG);
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api,projector', SUBSCRIPTION_POLL_MS: '50', EVIDENCE_DIR: evidenceDir });
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
    [acmeJob, listerJob] = [await createJob('acme'), await createJob('lister')];
    await writeResult(acmeJob, 'd-90', 'succeeded', 'shots/acme.png');
    await writeResult(acmeJob, 'd-80', 'failed', '../outside-evidence.png');
    await writeResult(listerJob, 'd-90', 'succeeded', 'shots/lister.png');
    await eventually(async () => ((await db.pool.query('SELECT 1 FROM job_results')).rowCount === 3 ? true : null));
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  describe('reading', () => {
    it('answers 401 without a session', async () => {
      await request(http()).get('/api/submissions').expect(401);
      await request(http()).get(`/api/submissions/${acmeJob}`).expect(401);
      await request(http()).get(`/api/submissions/${acmeJob}/results/d-90/screenshot`).expect(401);
      await request(http()).post('/api/submissions').expect(401);
      await request(http()).get('/api/submissions/run-requests').expect(401);
      await request(http()).get(`/api/submissions/run-requests/${ZERO}`).expect(401);
      await request(http()).post(`/api/submissions/run-requests/${ZERO}/approve`).expect(401);
      await request(http()).post(`/api/submissions/run-requests/${ZERO}/reject`).send({ reason: 'x' }).expect(401);
    });

    it("shows a customer its jobs with each directory's result, no worker ids or raw errors", async () => {
      const { body } = await request(http()).get('/api/submissions').set(acme.headers).expect(200);
      expect(body).toMatchObject({ customerId: 'acme', next: null });
      expect(body.jobs.map((job: { jobId: string }) => job.jobId)).toEqual([acmeJob]);
      expect(body.jobs[0]).toMatchObject({
        customerId: 'acme',
        status: 'queued',
        packageTier: 'growth',
        priority: 'P2',
        directoryCount: 3,
      });
      expect(body.jobs[0].results).toEqual([
        expect.objectContaining({
          directoryId: 'd-80',
          directoryName: 'Eighty',
          status: 'failed',
          errorClass: 'permanent',
          evidenceUrl: `/api/submissions/${acmeJob}/results/d-80/screenshot`,
        }),
        expect.objectContaining({
          directoryId: 'd-90',
          directoryName: 'Ninety',
          status: 'succeeded',
          attempts: 1,
          listingUrl: 'https://d-90.test/l/1',
          evidenceUrl: `/api/submissions/${acmeJob}/results/d-90/screenshot`,
          finishedAt: expect.any(String),
        }),
      ]);
      expect(JSON.stringify(body)).not.toMatch(/worker-secret|internal detail|shots\//);
      expect((await request(http()).get(`/api/submissions/${acmeJob}`).set(acme.headers).expect(200)).body).toEqual(body.jobs[0]);
    });

    it('streams the owner its screenshot; a path leading outside the evidence directory or none at all is 404', async () => {
      const shot = await request(http()).get(`/api/submissions/${acmeJob}/results/d-90/screenshot`).set(acme.headers).expect(200);
      expect(shot.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(shot.body as Buffer, PNG)).toBe(0);
      await request(http()).get(`/api/submissions/${acmeJob}/results/d-80/screenshot`).set(acme.headers).expect(404);
      await request(http()).get(`/api/submissions/${acmeJob}/results/d-70/screenshot`).set(acme.headers).expect(404);
      await request(http()).get(`/api/submissions/${acmeJob}/results/bad%20id/screenshot`).set(acme.headers).expect(400);
    });

    it("answers another customer's job, screenshot and customer id with 404, as if unknown", async () => {
      const job = await request(http()).get(`/api/submissions/${acmeJob}`).set(lister.headers).expect(404);
      const unknown = await request(http()).get(`/api/submissions/${ZERO}`).set(lister.headers).expect(404);
      expect(job.body.error).toBe(unknown.body.error);
      const shot = await request(http()).get(`/api/submissions/${acmeJob}/results/d-90/screenshot`).set(lister.headers).expect(404);
      expect(shot.headers['content-type']).toContain('application/json');
      await request(http()).get('/api/submissions?customerId=acme').set(lister.headers).expect(404);
      const own = await request(http()).get('/api/submissions').set(lister.headers).expect(200);
      expect(own.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([listerJob]);
    });

    it('lets staff read any customer (named with ?customerId=) and open its screenshots', async () => {
      expect((await request(http()).get('/api/submissions').set(staff.headers).expect(400)).body.error).toBe('customer_id_required');
      const { body } = await request(http()).get('/api/submissions?customerId=acme').set(staff.headers).expect(200);
      expect(body.jobs[0].jobId).toBe(acmeJob);
      await request(http()).get(`/api/submissions/${listerJob}/results/d-90/screenshot`).set(staff.headers).expect(200);
      await request(http()).get('/api/submissions?customerId=nobody').set(staff.headers).expect(404);
    });

    it('pages newest first by job id; refuses bad paging and ids with 400', async () => {
      const second = await createJob('acme');
      await jobsStatus(second, 'queued');
      const first = await request(http()).get('/api/submissions?limit=1').set(acme.headers).expect(200);
      expect(first.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([second]);
      expect(first.body.next).toBe(second);
      const rest = await request(http()).get(`/api/submissions?limit=1&after=${second}`).set(acme.headers).expect(200);
      expect(rest.body.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([acmeJob]);
      for (const query of ['limit=21', 'limit=0', 'after=nope', 'rogue=1']) {
        const { body } = await request(http()).get(`/api/submissions?${query}`).set(acme.headers).expect(400);
        expect(JSON.stringify(body)).not.toMatch(STACK_TRACE);
      }
      await request(http()).get('/api/submissions/not-a-uuid').set(acme.headers).expect(400);
      await cancel(second);
      await jobsStatus(second, 'cancelled');
    });
  });

  describe('run requests (SUBMISSION_RUN_APPROVAL=staff)', () => {
    let requestId: string;

    it('refuses a run while a job is still running (409 naming it), and staff on the customer route (403)', async () => {
      const running = await request(http()).post('/api/submissions').set(acme.headers).expect(409);
      expect(running.body).toMatchObject({ error: 'run_in_progress', jobId: acmeJob });
      const asStaff = await request(http()).post('/api/submissions').set(staff.headers).expect(403);
      expect(asStaff.body.message).toContain('/api/queue/:customerId');
    });

    it('records a pending request (202); the same Idempotency-Key finds it (200); a second request is 409', async () => {
      await cancel(acmeJob);
      await jobsStatus(acmeJob, 'cancelled');
      const created = await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'run-1').expect(202);
      requestId = created.body.runRequest.id as string;
      expect(created.headers.location).toBe(`/api/submissions/run-requests/${requestId}`);
      expect(created.body).toMatchObject({
        approval: 'staff',
        created: true,
        runRequest: { customerId: 'acme', status: 'pending', requestedBy: acme.actor, decidedBy: null, jobId: null },
      });
      const again = await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'run-1').expect(200);
      expect(again.body.runRequest.id).toBe(requestId);
      expect((await request(http()).post('/api/submissions').set(acme.headers).expect(409)).body).toMatchObject({
        error: 'run_request_pending',
        runRequestId: requestId,
      });
      await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'bad key').expect(400);
    });

    it('shows a customer its own requests only; staff see them all, filtered by status', async () => {
      const own = await request(http()).get('/api/submissions/run-requests').set(acme.headers).expect(200);
      expect(own.body.runRequests.map((r: { id: string }) => r.id)).toEqual([requestId]);
      await request(http()).get(`/api/submissions/run-requests/${requestId}`).set(acme.headers).expect(200);
      expect((await request(http()).get('/api/submissions/run-requests').set(lister.headers).expect(200)).body.runRequests).toEqual([]);
      await request(http()).get(`/api/submissions/run-requests/${requestId}`).set(lister.headers).expect(404);
      await request(http()).get('/api/submissions/run-requests?customerId=acme').set(lister.headers).expect(404);
      const pending = await request(http()).get('/api/submissions/run-requests?status=pending').set(staff.headers).expect(200);
      expect(pending.body.runRequests.map((r: { id: string }) => r.id)).toEqual([requestId]);
      await request(http()).get('/api/submissions/run-requests?status=maybe').set(staff.headers).expect(400);
    });

    it('lets staff, not customers, approve: the job is created with the approver as actor; approving again changes nothing', async () => {
      await request(http()).post(`/api/submissions/run-requests/${requestId}/approve`).set(acme.headers).expect(403);
      await request(http())
        .post(`/api/submissions/run-requests/${requestId}/reject`)
        .set(acme.headers)
        .send({ reason: 'mine' })
        .expect(403);
      await request(http()).get('/api/submissions/run-requests/not-a-uuid').set(staff.headers).expect(400);
      await request(http()).post(`/api/submissions/run-requests/${ZERO}/reject`).set(staff.headers).send({ reason: 'x' }).expect(404);
      const approved = await request(http()).post(`/api/submissions/run-requests/${requestId}/approve`).set(staff.headers).expect(200);
      expect(approved.body).toMatchObject({ id: requestId, status: 'approved', decidedBy: staff.actor, jobId: expect.any(String) });
      const jobId = approved.body.jobId as string;
      const { events } = await store.readStream(`job-${jobId}`);
      expect(events[0]).toMatchObject({ type: 'JobCreated', data: { customerId: 'acme' }, metadata: { actor: staff.actor } });
      const twice = await request(http()).post(`/api/submissions/run-requests/${requestId}/approve`).set(staff.headers).expect(200);
      expect(twice.body.jobId).toBe(jobId);
      expect(
        (
          await request(http())
            .post(`/api/submissions/run-requests/${requestId}/reject`)
            .set(staff.headers)
            .send({ reason: 'late' })
            .expect(409)
        ).body.error,
      ).toBe('run_request_decided');
      await jobsStatus(jobId, 'queued');
      expect((await request(http()).get(`/api/submissions/${jobId}`).set(acme.headers).expect(200)).body.status).toBe('queued');
    });

    it('lets staff reject with a reason; approving a rejected request is 409; bad and unknown ids 400 and 404', async () => {
      await cancel(listerJob);
      await jobsStatus(listerJob, 'cancelled');
      const created = await request(http()).post('/api/submissions').set(lister.headers).expect(202);
      const id = created.body.runRequest.id as string;
      await request(http()).post(`/api/submissions/run-requests/${id}/reject`).set(staff.headers).send({}).expect(400);
      await request(http())
        .post(`/api/submissions/run-requests/${id}/reject`)
        .set(staff.headers)
        .send({ reason: 'x', extra: 1 })
        .expect(400);
      const rejected = await request(http())
        .post(`/api/submissions/run-requests/${id}/reject`)
        .set(staff.headers)
        .send({ reason: '<i>Package</i> used up' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Package used up', jobId: null, decidedBy: staff.actor });
      const again = await request(http())
        .post(`/api/submissions/run-requests/${id}/reject`)
        .set(staff.headers)
        .send({ reason: 'other' })
        .expect(200);
      expect(again.body).toEqual(rejected.body);
      await request(http()).post(`/api/submissions/run-requests/${id}/approve`).set(staff.headers).expect(409);
      await request(http()).post(`/api/submissions/run-requests/${ZERO}/approve`).set(staff.headers).expect(404);
      await request(http()).post('/api/submissions/run-requests/nope/approve').set(staff.headers).expect(400);
      // Decided: the customer may ask again.
      await request(http()).post('/api/submissions').set(lister.headers).expect(202);
    });

    it('keeps run requests apart in the database as well: a customer scope reads its own rows only (row security)', async () => {
      const seen = await withCustomerScope(
        db.pool,
        'lister',
        async (client) => (await client.query<{ customer_id: string }>('SELECT customer_id FROM run_requests')).rows,
      );
      expect(seen.map((row) => row.customer_id)).toEqual(['lister', 'lister']);
      expect((await db.pool.query('SELECT 1 FROM run_requests')).rowCount).toBe(3);
    });
  });
});
