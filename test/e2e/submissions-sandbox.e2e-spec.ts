import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectedOutcomeOf, sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS, sandboxFormFields } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { DEMO_CUSTOMER_ID, seedDemoCatalog, seedDemoCustomer } from '../../src/demo/demo-catalog';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { bootApp } from '../support/app-harness';
import { staffSession, type TestSession } from '../support/sessions';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DIRECTORIES = 50;
const FILES_AND_TRAPS = /logo|g-recaptcha-response|__VIEWSTATE|draft|step/i;
/** A ticked checkbox posts its own value attribute, whatever it is: present is what matters. */
const CHECKBOX = /terms|agree|accept|tos/i;

/**
 * A job for 50 sandbox directories, created through the API, runs through the whole
 * system — dispatcher, PostgreSQL queue, worker with real Chromium, events, projections.
 */
describe('a 50-directory job against the local directory sandbox (real Chromium)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let app: INestApplication;
  let store: EventStore;
  let staff: TestSession;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_sandbox_e2e');
    staff = await staffSession(db.pool, { role: 'staff' });
    sandbox = await startSandbox({ slowMs: 1500, flakyFailFirst: 2 });
    await seedDemoCatalog(db.pool, sandboxDirectories(sandbox.baseUrl, DIRECTORIES));
    await seedDemoCustomer(db.pool, SANDBOX_BUSINESS, DIRECTORIES);
    app = await bootApp({
      DATABASE_URL: db.url,
      SUBSCRIPTION_POLL_MS: '50',
      QUEUE_RECEIVE_WAIT_MS: '1000',
      WORKER_CONCURRENCY: '4',
      POLITENESS_DELAY_MS: '0',
      RETRY_BASE_DELAY_MS: '500',
      RETRY_MIN_DELAY_MS: '200',
      RETRY_MAX_DELAY_MS: '1000',
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

  const lastEvent = async (jobId: string, directoryId: string): Promise<RecordedEvent> =>
    (await store.readStream(submissionStreamId(jobId, directoryId))).events.at(-1)!;

  it('completes; each site that can succeed got exactly one right submission; traps, captcha and login handled', async () => {
    const created = await request(app.getHttpServer() as App)
      .post(`/api/queue/${DEMO_CUSTOMER_ID}`)
      .set(staff.headers)
      .expect(201);
    const jobId = created.body.jobId as string;
    const finished = await eventually(
      async () => (await store.readStream(jobStreamId(jobId))).events.find((e) => e.type === 'JobCompleted') ?? null,
      { timeoutMs: 240_000 },
    );
    const directoryIds = (await store.readStream(jobStreamId(jobId))).events[0].data as { directoryIds: string[] };
    expect(directoryIds.directoryIds).toHaveLength(DIRECTORIES);

    for (const directoryId of directoryIds.directoryIds) {
      const expected = expectedOutcomeOf(directoryId)!;
      const instance = directoryId.replace(/^sandbox-/, '');
      const siteId = instance.replace(/-\d+$/, '');
      const accepted = sandbox.accepted().filter((a) => a.instance === instance);
      const last = await lastEvent(jobId, directoryId);
      if (expected === 'success' || expected === 'transient-then-success') {
        expect({ directoryId, type: last.type }).toEqual({ directoryId, type: 'SubmissionSucceeded' });
        expect({ directoryId, accepted: accepted.length }).toEqual({ directoryId, accepted: 1 });
        const wanted = Object.entries(sandboxFormFields(siteId, SANDBOX_BUSINESS)).filter(([name]) => !FILES_AND_TRAPS.test(name));
        for (const [name, value] of wanted) {
          const got = accepted[0].fields[name];
          if (CHECKBOX.test(name)) expect({ directoryId, name, ticked: Boolean(got) }).toEqual({ directoryId, name, ticked: true });
          else expect({ directoryId, name, value: got }).toEqual({ directoryId, name, value });
        }
      } else if (expected === 'duplicate') {
        expect(last).toMatchObject({ type: 'SubmissionSkipped', data: { reason: 'duplicate' } });
        expect(accepted).toHaveLength(0);
      } else {
        expect(last).toMatchObject({ type: 'SubmissionNeedsManual', data: { reason: expected.split(':')[1] } });
        expect(accepted).toHaveLength(0);
      }
    }
    expect(sandbox.rejected().filter((r) => r.reason === 'honeypot')).toEqual([]);
    expect(sandbox.accepted().every((a) => !a.honeypotFilled)).toBe(true);
    expect((finished.data as { counts: { succeeded: number } }).counts.succeeded).toBeGreaterThanOrEqual(DIRECTORIES - 12);

    // The flaky site's retries, as operators see them.
    const flaky = directoryIds.directoryIds.find((id) => expectedOutcomeOf(id) === 'transient-then-success')!;
    const history = await eventually(async () => {
      const { rows } = await db.pool.query<{ event: string; attempt: number; delay_ms: number | null; error_class: string | null }>(
        `SELECT event, attempt, delay_ms, error_class FROM queue_history WHERE job_id = $1 AND directory_id = $2 ORDER BY position`,
        [jobId, flaky],
      );
      return rows.some((row) => row.event === 'SubmissionSucceeded') ? rows : null;
    });
    const retries = history.filter((row) => row.event === 'SubmissionRetryScheduled');
    expect(retries).toHaveLength(2);
    expect(retries.every((row) => row.error_class === 'transient' && (row.delay_ms ?? 0) >= 200)).toBe(true);
    // The job is given 240 s to complete: more than Jest's default per test.
  }, 300_000);
});
