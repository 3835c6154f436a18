import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { Database } from '../../src/database/database';
import { DEMO_CUSTOMER_ID, seedDemoCatalog, seedDemoCustomer } from '../../src/demo/demo-catalog';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { LocalWorker } from '../../src/workers/workers.module';
import { bootApp } from '../support/app-harness';
import { staffSession, type TestSession } from '../support/sessions';
import { appendsOf, FaultyEventStore } from '../support/faulty-event-store';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A curated form: its result append is the one that fails. */
const APPEND_FAILS = 'sandbox-plain-labels-1';
/** No curated mapping: the worker learns one, and that write fails. */
const LEARNING_FAILS = 'sandbox-camel-wrapped-1';

/**
 * After the site has answered, the worker holds a known outcome: it must be recorded, whatever
 * the store or the catalog do meanwhile, and the site must never be asked again.
 */
describe('a known submission outcome survives store and catalog failures (real Chromium, sandbox)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let control: INestApplication;
  let worker: INestApplication;
  let faulty: FaultyEventStore;
  let store: EventStore;
  let jobId: string;
  let staff: TestSession;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_outcome');
    staff = await staffSession(db.pool, { role: 'staff' });
    sandbox = await startSandbox({ slowMs: 0 });
    const catalog = sandboxDirectories(sandbox.baseUrl, 2);
    expect(catalog.map((d) => d.id)).toEqual([APPEND_FAILS, LEARNING_FAILS]);
    await seedDemoCatalog(db.pool, catalog);
    await seedDemoCustomer(db.pool, SANDBOX_BUSINESS, catalog.length);
    await db.pool.query(`CREATE FUNCTION refuse_learned() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'learned mapping write refused (injected)'; END $$`);
    await db.pool.query(
      `CREATE TRIGGER refuse_learned BEFORE UPDATE OF learned_mapping ON directories FOR EACH ROW EXECUTE FUNCTION refuse_learned()`,
    );
    const env = {
      DATABASE_URL: db.url,
      SUBSCRIPTION_POLL_MS: '50',
      QUEUE_RECEIVE_WAIT_MS: '1000',
      // Shorter than the outcome's retries below: the worker must keep its lease while it retries.
      QUEUE_VISIBILITY_TIMEOUT_MS: '3000',
      WORKER_HEARTBEAT_MS: '300',
      WORKER_STALE_AFTER_MS: '2000',
      POLITENESS_DELAY_MS: '0',
      WORKER_CONCURRENCY: '2',
      WORKER_AUTOSCALE: 'false',
      RETENTION_INTERVAL_MINUTES: '0',
      EVIDENCE_DIR: join(tmpdir(), `dbolt-evidence-${db.name}`),
    };
    control = await bootApp({ ...env, ROLES: 'api,projector,reactor,dispatcher' });
    store = control.get<EventStore>(EVENT_STORE);
    worker = await bootApp({ ...env, ROLES: 'worker' }, (builder) =>
      builder.overrideProvider(EVENT_STORE).useFactory({
        inject: [APP_CONFIG, Database],
        factory: (config: AppConfig, database: Database) => {
          faulty = new FaultyEventStore(
            new PostgresEventStore(database.pool, { maxEventBytes: config.maxEventBytes, pollIntervalMs: 50, listen: true }),
          );
          // Timeouts, then a write whose answer is lost: longer than a visibility timeout in all.
          faulty.failAppends(
            (stream, events) => stream.endsWith(APPEND_FAILS) && appendsOf('SubmissionSucceeded')(stream, events),
            ['lost', 'lost', 'lost', 'lost', 'lost', 'landed'],
          );
          return faulty;
        },
      }),
    );
    const response = await request(control.getHttpServer() as App)
      .post(`/api/queue/${DEMO_CUSTOMER_ID}`)
      .set(staff.headers)
      .expect(201);
    jobId = response.body.jobId as string;
    // Not finishing is a finding of the tests below, not a setup error.
    await eventually(
      async () =>
        (await store.readStream(jobStreamId(jobId))).events.find((e) => e.type === 'JobCompleted' || e.type === 'JobFailed') ?? null,
      { timeoutMs: 30_000 },
    ).catch(() => undefined);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await control?.close();
    await sandbox?.close();
    await db?.drop();
  });

  const events = async (directoryId: string): Promise<RecordedEvent[]> => [
    ...(await store.readStream(submissionStreamId(jobId, directoryId))).events,
  ];
  const instance = (directoryId: string): string => directoryId.replace(/^sandbox-/, '');

  it('records a known outcome instead of submitting again when the result append fails', async () => {
    expect(sandbox.rejected().filter((r) => r.instance === instance(APPEND_FAILS))).toEqual([]);
    expect(sandbox.accepted().filter((a) => a.instance === instance(APPEND_FAILS))).toHaveLength(1);
    const recorded = await events(APPEND_FAILS);
    expect(recorded.map((e) => e.type)).toEqual(['SubmissionScheduled', 'SubmissionAttemptStarted', 'SubmissionSucceeded']);
    expect((recorded[2].data as { listingUrl: string | null }).listingUrl).toMatch(/\/listing\//);
    // Never handed back while the outcome was unrecorded.
    expect(worker.get(LocalWorker).stats()?.released).toBe(0);
    expect(faulty.injected.map((i) => i.fault)).toEqual(['lost', 'lost', 'lost', 'lost', 'lost', 'landed']);
  });

  it('records the outcome when the learned mapping cannot be written', async () => {
    expect(sandbox.accepted().filter((a) => a.instance === instance(LEARNING_FAILS))).toHaveLength(1);
    expect(sandbox.rejected().filter((r) => r.instance === instance(LEARNING_FAILS))).toEqual([]);
    expect((await events(LEARNING_FAILS)).map((e) => e.type)).toEqual([
      'SubmissionScheduled',
      'SubmissionAttemptStarted',
      'SubmissionSucceeded',
    ]);
    const { rows } = await db.pool.query<{ learned_mapping: unknown }>(`SELECT learned_mapping FROM directories WHERE id = $1`, [
      LEARNING_FAILS,
    ]);
    expect(rows[0].learned_mapping).toBeNull();
    const completed = (await store.readStream(jobStreamId(jobId))).events.find((e) => e.type === 'JobCompleted');
    expect(completed?.data).toMatchObject({ counts: { succeeded: 2, failed: 0, needsManual: 0, skipped: 0 } });
  });
});
