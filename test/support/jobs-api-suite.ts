import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';
import { bootApp } from './app-harness';
import { staffSession, type TestSession } from './sessions';
import { createTestDatabase, type TestDatabase } from './test-database';

/** An admin session's headers, filled in when the suite's database exists (before any test runs). */
export const auth: Record<string, string> = {};
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const STACK_TRACE = /\n\s+at |\bat \S+ \([^)]*:\d+(:\d+)?\)|\.[jt]s:\d+/;
export const ZERO = '00000000-0000-4000-8000-000000000000';

export interface JobsApiSuite {
  db(): TestDatabase;
  app(): INestApplication;
  store(): EventStore;
  /** The admin whose session `auth` carries: the actor of what the tests do. */
  admin(): TestSession;
  http(): App;
  createJob(customerId: string, headers?: Record<string, string>): Promise<string>;
  patch(jobId: string, ifMatch: string | null, body: object): request.Test;
  streamTypes(jobId: string): Promise<string[]>;
}

/** One app on a fresh database with a seeded catalog, for the describe block that calls it. */
export function useJobsApi(): JobsApiSuite {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let admin: TestSession;
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_jobs_api');
    await seedCatalog(db);
    admin = await staffSession(db.pool);
    Object.assign(auth, admin.headers);
    // No reactor: nothing but these tests writes to the job streams, so versions are predictable.
    app = await bootApp({
      DATABASE_URL: db.url,
      HTTP_BODY_LIMIT_BYTES: '2048',
      ROLES: 'api,projector',
      SUBSCRIPTION_POLL_MS: '50',
    });
    // Listening once up front: supertest would otherwise start and stop the server per request.
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  return {
    db: () => db,
    app: () => app,
    store: () => store,
    admin: () => admin,
    http,
    createJob: async (customerId, headers = {}) => {
      const response = await request(http()).post(`/api/queue/${customerId}`).set(auth).set(headers).expect(201);
      return response.body.jobId as string;
    },
    patch: (jobId, ifMatch, body) => {
      const test = request(http()).patch(`/api/jobs/${jobId}`).set(auth).send(body);
      return ifMatch === null ? test : test.set('If-Match', ifMatch);
    },
    streamTypes: async (jobId) => (await store.readStream(jobStreamId(jobId))).events.map((e) => e.type),
  };
}

export async function seedCatalog(db: TestDatabase): Promise<void> {
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

export type SubmissionPlan = 'succeeded' | 'retried';

/** Writes a submission's history as workers would (the reactor is off in this suite). */
export async function writeSubmission(store: EventStore, jobId: string, directoryId: string, plan: SubmissionPlan): Promise<void> {
  const ids = { jobId, directoryId };
  const events: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `key-${jobId}-${directoryId}`, priority: 'P2' } },
    { type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'worker-1', attempt: 1 } },
    plan === 'retried'
      ? { type: 'SubmissionRetryScheduled', data: { ...ids, attempt: 2, delayMs: 31_000, errorClass: 'transient', message: 'HTTP 503' } }
      : { type: 'SubmissionSucceeded', data: { ...ids, attempt: 1, listingUrl: 'https://listing.test/1', evidencePath: null } },
  ];
  await store.appendToStream(submissionStreamId(jobId, directoryId), events, {
    expectedVersion: 'no_stream',
    actor: { kind: 'worker', id: 'worker-1' },
  });
}
