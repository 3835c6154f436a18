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
import { seedDemoCatalog } from '../../src/demo/demo-catalog';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const EDITED_DESCRIPTION = 'Single-origin beans, roasted to order since the edit.';

/**
 * The acceptance path with no SQL for the customer: staff register it, edit its profile,
 * give it a login; a job from the edited profile runs in the sandbox in real Chromium; the
 * customer signs in, sees its results and opens its screenshots; another customer does not.
 */
describe('a customer onboarded through the API, its job in the directory sandbox (real Chromium)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let app: INestApplication;
  let admin: TestSession;
  const evidenceDir = join(tmpdir(), `dbolt-evidence-onboarding-${process.pid}`);
  const http = (): App => app.getHttpServer() as App;
  const signIn = async (email: string): Promise<Record<string, string>> => {
    const { body } = await request(http()).post('/api/customer/auth').send({ email, password: 'customer-long-password' }).expect(200);
    return { Authorization: `Bearer ${body.token as string}` };
  };
  const onboard = async (profile: object, directoryCount: number, email: string): Promise<string> => {
    const { body } = await request(http())
      .post('/api/customers')
      .set(admin.headers)
      .send({ profile, package: { directoryCount, tier: 'pro' } })
      .expect(201);
    const id = body.customerId as string;
    await eventually(async () => (await db.pool.query('SELECT 1 FROM customers WHERE id = $1', [id])).rowCount === 1, {
      timeoutMs: 15_000,
    });
    await request(http())
      .post('/api/admin/customer-logins')
      .set(admin.headers)
      .send({ customerId: id, email, password: 'customer-long-password' })
      .expect(201);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_customer_onboarding');
    sandbox = await startSandbox();
    const directories = sandboxDirectories(sandbox.baseUrl, 14).filter(
      (d) => expectedOutcomeOf(d.id) === 'success' && /^sandbox-(plain-labels|aria-only)-/.test(d.id),
    );
    expect(directories).toHaveLength(2);
    await seedDemoCatalog(db.pool, directories);
    admin = await staffSession(db.pool);
    app = await bootApp({
      DATABASE_URL: db.url,
      SUBSCRIPTION_POLL_MS: '50',
      QUEUE_RECEIVE_WAIT_MS: '1000',
      WORKER_CONCURRENCY: '2',
      POLITENESS_DELAY_MS: '0',
      EVIDENCE_DIR: evidenceDir,
    });
    await app.listen(0, '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('submits the edited profile, and shows the results and screenshots to their owner only', async () => {
    const id = await onboard(SANDBOX_BUSINESS, 2, 'jane@acmecoffee.test');
    const edited = await request(http())
      .patch(`/api/customers/${id}/profile`)
      .set(admin.headers)
      .set('If-Match', '"1"')
      .send({ description: EDITED_DESCRIPTION })
      .expect(200);
    expect(edited.body.version).toBe(2);
    await eventually(async () => (await db.pool.query('SELECT 1 FROM customers WHERE id = $1 AND version = 2', [id])).rowCount === 1, {
      timeoutMs: 15_000,
    });
    const other = await onboard({ businessName: 'Other Co', email: 'o@other.test' }, 1, 'o@other.test');
    expect(other).not.toBe(id);

    const jobId = (await request(http()).post(`/api/queue/${id}`).set(admin.headers).expect(201)).body.jobId as string;
    const owner = await signIn('jane@acmecoffee.test');
    const page = await eventually(
      async () => {
        const { body } = await request(http()).get('/api/submissions').set(owner).expect(200);
        return body.jobs[0]?.status === 'complete' ? body : null;
      },
      { timeoutMs: 120_000 },
    );
    expect(page.jobs.map((j: { jobId: string }) => j.jobId)).toEqual([jobId]);
    const results = page.jobs[0].results as { directoryId: string; status: string; evidenceUrl: string }[];
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    const accepted = sandbox.accepted();
    expect(accepted).toHaveLength(2);
    expect(accepted.every((a) => Object.values(a.fields).includes('Acme Coffee Roasters'))).toBe(true);
    expect(accepted.some((a) => Object.values(a.fields).includes(EDITED_DESCRIPTION))).toBe(true);

    const stranger = await signIn('o@other.test');
    for (const result of results) {
      await request(http()).get(result.evidenceUrl).set(owner).expect(200).expect('content-type', 'image/jpeg');
      await request(http()).get(result.evidenceUrl).set(stranger).expect(404);
    }
    expect((await request(http()).get('/api/submissions').set(stranger).expect(200)).body.jobs).toEqual([]);
  }, 180_000);
});
