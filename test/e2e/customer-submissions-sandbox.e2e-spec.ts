import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectedOutcomeOf, sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { DEMO_CUSTOMER_ID, seedDemoCatalog, seedDemoCustomer } from '../../src/demo/demo-catalog';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { customerSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const JPEG_SIGNATURE = Buffer.from('ffd8ff', 'hex');

/**
 * A customer asks for a run (SUBMISSION_RUN_APPROVAL=auto); the job runs through the whole system
 * against the sandbox in real Chromium; the customer sees the results and opens its screenshots,
 * another customer cannot.
 */
describe('a customer-requested run in the directory sandbox (real Chromium)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let app: INestApplication;
  let store: EventStore;
  let owner: TestSession;
  let other: TestSession;
  const evidenceDir = join(tmpdir(), `dbolt-evidence-customer-run-${process.pid}`);
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_customer_run');
    sandbox = await startSandbox({ slowMs: 2500 });
    // The slow site keeps the job running long enough to see a second request refused.
    const directories = sandboxDirectories(sandbox.baseUrl, 14).filter(
      (d) => expectedOutcomeOf(d.id) === 'success' && /^sandbox-(slow|plain-labels|aria-only)-/.test(d.id),
    );
    expect(directories).toHaveLength(3);
    await seedDemoCatalog(db.pool, directories);
    await seedDemoCustomer(db.pool, SANDBOX_BUSINESS, directories.length);
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('other-co', 'Other Co', 'o@other.test', 'starter', 1)`,
    );
    [owner, other] = [await customerSession(db.pool, DEMO_CUSTOMER_ID), await customerSession(db.pool, 'other-co')];
    app = await bootApp({
      DATABASE_URL: db.url,
      SUBSCRIPTION_POLL_MS: '50',
      QUEUE_RECEIVE_WAIT_MS: '1000',
      WORKER_CONCURRENCY: '3',
      POLITENESS_DELAY_MS: '0',
      SUBMISSION_RUN_APPROVAL: 'auto',
      EVIDENCE_DIR: evidenceDir,
    });
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('runs the package, shows the owner its results and screenshots, and nothing of it to another customer', async () => {
    const created = await request(http()).post('/api/submissions').set(owner.headers).set('Idempotency-Key', 'first-run').expect(201);
    expect(created.body).toMatchObject({ approval: 'auto', created: true, job: { status: 'queued', directoryCount: 3 } });
    const jobId = created.body.job.jobId as string;
    expect(created.headers.location).toBe(`/api/submissions/${jobId}`);
    const { events } = await store.readStream(jobStreamId(jobId));
    expect(events[0].metadata.actor).toEqual(owner.actor);

    await eventually(async () => ((await db.pool.query('SELECT 1 FROM jobs WHERE id = $1', [jobId])).rowCount ? true : null));
    const replay = await request(http()).post('/api/submissions').set(owner.headers).set('Idempotency-Key', 'first-run').expect(200);
    expect(replay.body.job.jobId).toBe(jobId);
    expect((await request(http()).post('/api/submissions').set(owner.headers).expect(409)).body).toMatchObject({
      error: 'run_in_progress',
      jobId,
    });

    await eventually(async () => (await store.readStream(jobStreamId(jobId))).events.some((e) => e.type === 'JobCompleted') || null, {
      timeoutMs: 120_000,
    });
    const page = await eventually(async () => {
      const { body } = await request(http()).get('/api/submissions').set(owner.headers).expect(200);
      return body.jobs[0]?.status === 'complete' ? body : null;
    });
    expect(page.jobs).toHaveLength(1);
    const results = page.jobs[0].results as { directoryId: string; status: string; evidenceUrl: string | null }[];
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sandbox.accepted()).toHaveLength(3);

    for (const result of results) {
      expect(result.evidenceUrl).toBe(`/api/submissions/${jobId}/results/${result.directoryId}/screenshot`);
      const shot = await request(http()).get(result.evidenceUrl!).set(owner.headers).expect(200);
      expect(shot.headers['content-type']).toBe('image/jpeg'); // EVIDENCE_FORMAT's default
      expect((shot.body as Buffer).subarray(0, 3)).toEqual(JPEG_SIGNATURE);
      await request(http()).get(result.evidenceUrl!).set(other.headers).expect(404);
    }
    await request(http()).get(`/api/submissions/${jobId}`).set(other.headers).expect(404);
    expect((await request(http()).get('/api/submissions').set(other.headers).expect(200)).body.jobs).toEqual([]);
  }, 180_000);
});
