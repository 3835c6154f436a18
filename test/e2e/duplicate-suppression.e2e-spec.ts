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
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { customerSession, staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DIRECTORIES = 4;
const OTHER_CUSTOMER = 'dedupe-other-customer';

/**
 * Duplicate suppression across jobs through the whole system (API, dispatcher, PostgreSQL queue,
 * worker with real Chromium, projections) against the local sandbox, whose own counts say what
 * reached each directory.
 */
describe('duplicate suppression across jobs (sandbox, real Chromium)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let app: INestApplication;
  let store: EventStore;
  let staff: TestSession;
  const http = () => request(app.getHttpServer() as App);

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_dedupe_e2e');
    staff = await staffSession(db.pool, { role: 'staff' });
    sandbox = await startSandbox({ slowMs: 100 });
    // Only sites that accept a new listing: then every directory of the first job succeeds.
    const plain = sandboxDirectories(sandbox.baseUrl, 24)
      .filter((d) => expectedOutcomeOf(d.id) === 'success')
      .slice(0, DIRECTORIES);
    expect(plain).toHaveLength(DIRECTORIES);
    await seedDemoCatalog(db.pool, plain);
    await seedDemoCustomer(db.pool, SANDBOX_BUSINESS, DIRECTORIES);
    // Another listing (name, site and e-mail differ, so the sandbox does not take it for the first).
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, phone, website, address, city, state, zip, country, category, description, contact_name, package_tier, package_size)
       SELECT $1, 'Other ' || business_name, 'other-' || email, phone, 'https://other.example', address, city, state, zip, country, category, description,
              contact_name, package_tier, package_size FROM customers WHERE id = $2`,
      [OTHER_CUSTOMER, DEMO_CUSTOMER_ID],
    );
    app = await bootApp({
      DATABASE_URL: db.url,
      SUBSCRIPTION_POLL_MS: '50',
      QUEUE_RECEIVE_WAIT_MS: '1000',
      WORKER_CONCURRENCY: '4',
      POLITENESS_DELAY_MS: '0',
      EVIDENCE_DIR: join(tmpdir(), `dbolt-evidence-${db.name}`),
    });
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
  });

  const createJob = async (customerId: string, body: object = {}): Promise<string> =>
    (await http().post(`/api/queue/${customerId}`).set(staff.headers).send(body).expect(201)).body.jobId as string;
  const completed = (jobId: string) =>
    eventually(async () => (await store.readStream(jobStreamId(jobId))).events.find((e) => e.type === 'JobCompleted') ?? null, {
      timeoutMs: 120_000,
    });
  const directoriesOf = async (jobId: string): Promise<string[]> =>
    ((await store.readStream(jobStreamId(jobId))).events[0].data as { directoryIds: string[] }).directoryIds;
  const lastEvent = async (jobId: string, directoryId: string): Promise<RecordedEvent> =>
    (await store.readStream(submissionStreamId(jobId, directoryId))).events.at(-1)!;
  const instanceOf = (directoryId: string): string => directoryId.replace(/^sandbox-/, '');
  /** POSTs that reached each instance: accepted, or rejected for any reason (e.g. "already listed"). */
  const received = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const s of [...sandbox.accepted(), ...sandbox.rejected()]) counts[s.instance] = (counts[s.instance] ?? 0) + 1;
    return counts;
  };
  interface Submission {
    directoryId: string;
    status: string;
    listingUrl: string | null;
    evidencePath: string | null;
  }
  const submissions = async (jobId: string): Promise<Submission[]> =>
    eventually(async () => {
      const { body } = await http().get(`/api/jobs/${jobId}/submissions`).set(staff.headers).expect(200);
      const list = (body as { submissions: Submission[] }).submissions;
      return list.length === DIRECTORIES && list.every((s) => s.status !== 'scheduled' && s.status !== 'in_progress') ? list : null;
    });

  let firstJob = '';

  it('a second job for the same listing submits nothing where the first was accepted, points at it, and completes', async () => {
    firstJob = await createJob(DEMO_CUSTOMER_ID);
    await completed(firstJob);
    const directories = await directoriesOf(firstJob);
    for (const id of directories) expect({ id, type: (await lastEvent(firstJob, id)).type }).toEqual({ id, type: 'SubmissionSucceeded' });
    const before = received();
    expect(directories.map((id) => before[instanceOf(id)])).toEqual(directories.map(() => 1));

    const second = await createJob(DEMO_CUSTOMER_ID);
    const finished = await completed(second);
    expect(finished.data).toMatchObject({ counts: { succeeded: 0, skipped: DIRECTORIES, failed: 0 } });
    expect(received()).toEqual(before);
    const firstResults = await submissions(firstJob);
    const results = await submissions(second);
    for (const result of results) {
      const earlier = firstResults.find((r) => r.directoryId === result.directoryId)!;
      expect(result).toMatchObject({
        status: 'skipped',
        skipReason: 'already-submitted',
        earlier: {
          jobId: firstJob,
          directoryId: result.directoryId,
          listingUrl: earlier.listingUrl,
          evidencePath: earlier.evidencePath,
          acceptedAt: expect.any(String),
        },
      });
      expect(earlier.evidencePath).toEqual(expect.any(String));
    }
    // The customer sees it too, and opens the earlier job's screenshot.
    const owner = await customerSession(db.pool, DEMO_CUSTOMER_ID);
    const { body: mine } = await http().get(`/api/submissions/${second}`).set(owner.headers).expect(200);
    const mineResults = (mine as { results: { status: string; skipReason: string; earlier: { jobId: string; evidenceUrl: string } }[] })
      .results;
    expect(mineResults).toHaveLength(DIRECTORIES);
    for (const result of mineResults) {
      expect(result).toMatchObject({
        status: 'skipped',
        skipReason: 'already-submitted',
        earlier: { jobId: firstJob, evidenceUrl: expect.stringContaining(`/api/submissions/${firstJob}/results/`) },
      });
    }
    const shot = await http().get(mineResults[0].earlier.evidenceUrl).set(owner.headers).expect(200);
    expect(shot.headers['content-type']).toBe('image/jpeg'); // EVIDENCE_FORMAT's default;
    const job = await eventually(async () => {
      const { body } = await http().get(`/api/queue/${DEMO_CUSTOMER_ID}`).set(staff.headers).expect(200);
      return (
        (body as { jobs: { jobId: string; status: string }[] }).jobs.find((j) => j.jobId === second && j.status === 'complete') ?? null
      );
    });
    expect(job).toBeTruthy();
  }, 240_000);

  it('with force, staff get every directory submitted again (the sites answer "already listed")', async () => {
    const before = received();
    const forced = await createJob(DEMO_CUSTOMER_ID, { force: true });
    await completed(forced);
    const { body: view } = await http().get(`/api/jobs/${forced}`).set(staff.headers).expect(200);
    expect(view).toMatchObject({ force: true });
    const after = received();
    for (const id of await directoriesOf(forced)) {
      expect({ id, posts: after[instanceOf(id)] }).toEqual({ id, posts: before[instanceOf(id)] + 1 });
      expect(await lastEvent(forced, id)).toMatchObject({ type: 'SubmissionSkipped', data: { reason: 'duplicate' } });
    }
  }, 240_000);

  it('two jobs for one listing at once: each directory gets one submission, the other job points at it', async () => {
    const before = received();
    const [a, b] = await Promise.all([createJob(OTHER_CUSTOMER), createJob(OTHER_CUSTOMER)]);
    await Promise.all([completed(a), completed(b)]);
    const after = received();
    for (const id of await directoriesOf(a)) {
      expect({ id, posts: after[instanceOf(id)] - before[instanceOf(id)] }).toEqual({ id, posts: 1 });
      const events = [await lastEvent(a, id), await lastEvent(b, id)];
      const winner = events.findIndex((e) => e.type === 'SubmissionSucceeded');
      expect(winner).toBeGreaterThanOrEqual(0);
      expect(events[1 - winner]).toMatchObject({
        type: 'SubmissionSkipped',
        data: { reason: 'already-submitted', earlier: { jobId: [a, b][winner] } },
      });
    }
  }, 240_000);

  it('force is for staff: a customer session cannot create (or force) a job; a non-boolean or unknown field is 400', async () => {
    const customer = await customerSession(db.pool, DEMO_CUSTOMER_ID);
    await http().post(`/api/queue/${DEMO_CUSTOMER_ID}`).set(customer.headers).send({ force: true }).expect(403);
    const bad = await http().post(`/api/queue/${DEMO_CUSTOMER_ID}`).set(staff.headers).send({ force: 'yes' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/force/);
    await http().post(`/api/queue/${DEMO_CUSTOMER_ID}`).set(staff.headers).send({ forced: true }).expect(400);
  });
});
