import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { seedCatalog } from '../support/jobs-api-suite';
import { customerSession, staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** POST /api/submissions with SUBMISSION_RUN_APPROVAL=auto, on machine PostgreSQL; no workers, so jobs stay queued. */
describe('customer runs with automatic approval', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let staff: TestSession;
  let acme: TestSession;
  let lister: TestSession;
  const http = (): App => app.getHttpServer() as App;
  const projected = async (jobId: string, status: string): Promise<void> => {
    await eventually(async () =>
      (await db.pool.query('SELECT 1 FROM jobs WHERE id = $1 AND status = $2', [jobId, status])).rowCount ? true : null,
    );
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_customer_runs_auto');
    await seedCatalog(db);
    [staff, acme, lister] = [
      await staffSession(db.pool, { role: 'staff' }),
      await customerSession(db.pool, 'acme'),
      await customerSession(db.pool, 'lister'),
    ];
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api,projector', SUBSCRIPTION_POLL_MS: '50', SUBMISSION_RUN_APPROVAL: 'auto' });
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("creates the job of the customer's package at once, the customer as actor; the same Idempotency-Key answers it again", async () => {
    const created = await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'k-1').expect(201);
    expect(created.body).toMatchObject({ approval: 'auto', created: true, job: { status: 'queued', priority: 'P2', directoryCount: 3 } });
    const jobId = created.body.job.jobId as string;
    expect(created.headers.location).toBe(`/api/submissions/${jobId}`);
    const { events } = await store.readStream(jobStreamId(jobId));
    expect(events[0]).toMatchObject({
      type: 'JobCreated',
      data: { customerId: 'acme', packageTier: 'growth' },
      metadata: { actor: acme.actor },
    });
    await projected(jobId, 'queued');
    const replay = await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'k-1').expect(200);
    expect(replay.body).toMatchObject({ created: false, job: { jobId } });
    expect((await request(http()).post('/api/submissions').set(acme.headers).expect(409)).body).toMatchObject({
      error: 'run_in_progress',
      jobId,
    });
    expect((await request(http()).post('/api/submissions').set(acme.headers).set('Idempotency-Key', 'k-2').expect(409)).body.jobId).toBe(
      jobId,
    );
  });

  it('gives requests without a key that race each other one job between them', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => request(http()).post('/api/submissions').set(lister.headers)));
    // A request that comes after the job reached the read model is refused instead (409): never a second job.
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.every((a) => [200, 201, 409].includes(a.status))).toBe(true);
    const jobIds = new Set(answers.map((a) => (a.status === 409 ? a.body.jobId : a.body.job.jobId) as string));
    expect(jobIds.size).toBe(1);
    const [jobId] = jobIds;
    await projected(jobId, 'queued');
    // Once that job has finished, the next request is a new run.
    const { headers } = await request(http()).get(`/api/jobs/${jobId}`).set(staff.headers).expect(200);
    await request(http())
      .post(`/api/jobs/${jobId}/cancel`)
      .set(staff.headers)
      .set('If-Match', headers.etag)
      .send({ reason: 'test' })
      .expect(200);
    await projected(jobId, 'cancelled');
    const next = await request(http()).post('/api/submissions').set(lister.headers).expect(201);
    expect(next.body.job.jobId).not.toBe(jobId);
  });

  it('refuses staff (they use /api/queue/:customerId) and anonymous callers', async () => {
    await request(http()).post('/api/submissions').set(staff.headers).expect(403);
    await request(http()).post('/api/submissions').expect(401);
  });
});
