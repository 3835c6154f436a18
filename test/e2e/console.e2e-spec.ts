import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Page } from 'playwright';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectedOutcomeOf, sandboxDirectories } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { startSandbox } from '../../sandbox/sandbox.server';
import type { Sandbox } from '../../sandbox/sandbox.types';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { APP_ROOT } from '../../src/database/app-paths';
import { DEMO_CUSTOMER_ID, seedDemoCatalog, seedDemoCustomer } from '../../src/demo/demo-catalog';
import { MESSAGE_QUEUE, type MessageQueue } from '../../src/queue/queue.port';
import { CHROMIUM_ARGS } from '../../src/workers/browser/browser-generation';
import { WorkerHeartbeat } from '../../src/workers/worker-heartbeat';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { FAST_SETTINGS } from '../support/pipeline-harness';
import { staffSession, TEST_PASSWORD, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Screenshots of each page, kept for a person to look at (gitignored). */
const ARTIFACTS = join(APP_ROOT, 'test-output', 'console');
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Bold & Co';

/**
 * The operations console in real Chromium against the running app: a control app (api, projector,
 * reactor, dispatcher) and a worker app on one database, a real job through the directory sandbox
 * with real screenshots, and a dead letter made by receiving a message until the queue buries it.
 */
describe('operations console (real Chromium)', () => {
  let db: TestDatabase;
  let sandbox: Sandbox;
  let control: INestApplication;
  let worker: INestApplication;
  let browser: Browser;
  let page: Page;
  let admin: TestSession;
  let baseUrl: string;
  let jobId: string;
  let deadJobId: string;
  const evidenceDir = join(tmpdir(), `dbolt-evidence-console-${process.pid}`);
  const http = (): App => control.getHttpServer() as App;
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    db = await createTestDatabase('dbolt_test_console');
    sandbox = await startSandbox({});
    const directories = sandboxDirectories(sandbox.baseUrl, 14).filter(
      (d) => expectedOutcomeOf(d.id) === 'success' && /^sandbox-(plain-labels|aria-only)-/.test(d.id),
    );
    expect(directories).toHaveLength(2);
    await seedDemoCatalog(db.pool, directories);
    await seedDemoCustomer(db.pool, SANDBOX_BUSINESS, directories.length);
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('dlq-co', $1, 'o@dlq.test', 'starter', 1)`,
      [HOSTILE_NAME],
    );
    admin = await staffSession(db.pool, { email: 'ops@staff.test' });
    const env = { DATABASE_URL: db.url, ...FAST_SETTINGS, EVIDENCE_DIR: evidenceDir, POLITENESS_DELAY_MS: '0' };
    control = await bootApp({ ...env, ROLES: 'api,projector,reactor,dispatcher' });
    await control.listen(0, '127.0.0.1');
    baseUrl = await control.getUrl();
    deadJobId = await createJob('dlq-co');
    await bury(control.get<MessageQueue>(MESSAGE_QUEUE), deadJobId);
    // The worker starts only now, so that nothing but `bury` received the dead job's message.
    worker = await bootApp({ ...env, ROLES: 'worker', WORKER_CONCURRENCY: '2' });
    jobId = await createJob(DEMO_CUSTOMER_ID);
    await eventually(async () => (await jobStatus(jobId)) === 'complete' || null, { timeoutMs: 120_000, intervalMs: 250 });
    browser = await chromium.launch({
      executablePath: control.get<AppConfig>(APP_CONFIG).browser.chromiumPath,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await control?.close();
    await sandbox?.close();
    await db?.drop();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  async function createJob(customerId: string): Promise<string> {
    return (await request(http()).post(`/api/queue/${customerId}`).set(admin.headers).send({ force: true }).expect(201)).body
      .jobId as string;
  }

  async function jobStatus(id: string): Promise<string> {
    return (await request(http()).get(`/api/jobs/${id}`).set(admin.headers).expect(200)).body.status as string;
  }

  /** Receives the job's message with a short visibility until the queue moves it to the DLQ (max receive count 3). */
  async function bury(queue: MessageQueue, id: string): Promise<void> {
    await eventually(
      async () => {
        await queue.receive({ priorities: ['P1', 'P2', 'P3'], maxMessages: 10, waitMs: 100, visibilityMs: 1 });
        const letters = await queue.listDeadLetters({ limit: 10 });
        return letters.some((letter) => letter.body.includes(id)) || null;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
  }

  const panel = (name: string) => page.getByRole('region', { name });

  it('serves the page with its own CSP (scripts from this origin only, blob: images) and 404s unknown assets', async () => {
    await request(http()).get('/console').expect(301);
    const index = await request(http()).get('/console/').expect(200);
    expect(index.text).toContain('<script type="module" src="/console/main.js"></script>');
    expect(index.headers['content-security-policy']).toContain("img-src 'self' blob:");
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    await request(http()).get('/console/nope.js').expect(404);
    expect((await request(http()).get('/api/health/live').expect(200)).headers['content-security-policy']).not.toContain('blob:');
  });

  it('refuses a wrong password with the API message, then signs in and shows the overview', async () => {
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot('01-sign-in');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect(page.locator('#who').textContent()).resolves.toBe(`${admin.email} (admin)`);
    await panel('Queue').getByRole('cell', { name: 'P3' }).waitFor();
    await panel('Workers').getByText('running').or(panel('Workers').getByText('idle')).first().waitFor();
    await panel('Projections').getByRole('cell', { name: 'queue_history' }).waitFor();
    await shot('02-overview');
  });

  it('redrives the dead letter', async () => {
    const row = panel('Dead letters')
      .getByRole('row')
      .filter({ hasText: deadJobId.slice(0, 8) });
    await row.waitFor();
    await shot('03-dead-letters');
    await row.getByRole('button', { name: 'Redrive' }).click();
    await panel('Dead letters').getByText('Redriven: 1, skipped: 0').waitFor();
    await panel('Dead letters').getByText('The dead-letter queue is empty.').waitFor();
    await shot('04-redriven');
    const { body } = await request(http()).get('/api/admin/dlq').set(admin.headers).expect(200);
    expect(body.deadLetters).toEqual([]);
  });

  it('forgets a worker that went silent', async () => {
    await new WorkerHeartbeat(db.pool, 'crashed-host-1-dead').beat({ status: 'running', inFlight: [] });
    await db.pool.query(
      "UPDATE worker_heartbeats SET last_heartbeat = now() - interval '10 minutes' WHERE worker_id = 'crashed-host-1-dead'",
    );
    const row = panel('Workers').getByRole('row').filter({ hasText: 'crashed-host-1-dead' });
    await row.getByText('stale').waitFor(); // the overview polls: the row shows on its next refresh
    await shot('04b-stale-worker');
    await row.getByRole('button', { name: 'Forget' }).click();
    await row.waitFor({ state: 'detached' });
    const { body } = await request(http()).get('/api/admin/workers').set(admin.headers).expect(200);
    expect(body.workers.map((w: { id: string }) => w.id)).not.toContain('crashed-host-1-dead');
    expect(body.counts.live).toBeGreaterThanOrEqual(1);
  });

  it('starts a rebuild and shows it finish in a new generation', async () => {
    const row = () =>
      panel('Projections')
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'queue_history', exact: true }) });
    await expect(row().getByRole('cell').nth(2).textContent()).resolves.toBe('1');
    await row().getByRole('button', { name: 'Rebuild' }).click();
    await panel('Projections').getByText('Rebuild of queue_history requested.').waitFor();
    await shot('05-rebuild-requested');
    const finished = await eventually(
      async () => {
        const cells = await row().getByRole('cell').allTextContents();
        return cells[2] === '2' && cells[6] === '—' && cells[7] !== 'never' ? cells : null;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(finished[1]).toBe('live');
    await panel('Projections').getByText('Rebuild of queue_history finished: generation 2 is live.').waitFor();
    await shot('06-rebuilt');
  });

  it('lists customers as text (no markup from their names) and a customer’s jobs', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('cell', { name: HOSTILE_NAME }).waitFor();
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    await shot('07-customers');
    await page.getByRole('link', { name: DEMO_CUSTOMER_ID }).click();
    await page.getByRole('link', { name: jobId }).waitFor();
    await shot('08-customer-jobs');
  });

  it('opens the job: its timeline (actor, attempt) and a screenshot per directory', async () => {
    await page.getByRole('link', { name: jobId }).click();
    const timeline = panel('Timeline');
    await timeline.getByRole('cell', { name: 'JobCompleted' }).waitFor();
    const succeeded = timeline.getByRole('row').filter({ hasText: 'SubmissionSucceeded' });
    expect(await succeeded.count()).toBe(2);
    await expect(timeline.getByRole('row').filter({ hasText: 'SubmissionAttemptStarted' }).first().textContent()).resolves.toMatch(
      /worker:/,
    );
    const images = panel('Evidence').getByRole('img');
    await eventually(async () => ((await images.count()) === 2 ? true : null));
    await eventually(() =>
      images.evaluateAll((imgs) => imgs.every((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0) || null),
    );
    await shot('09-job');
  });

  it('shows alerts in the alerting API’s shape, their text as text (the API answered by the browser here)', async () => {
    const alert = {
      id: 'a1',
      rule: 'dlq_depth',
      key: 'dlq',
      severity: 'critical',
      state: 'firing',
      summary: '<b>3</b> dead letters',
      value: 3,
      threshold: 0,
      firedAt: new Date().toISOString(),
      resolvedAt: null,
    };
    await page.route('**/api/admin/alerts?*', (route) => route.fulfill({ json: { items: [alert] } }));
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    await panel('Alerts').getByText('1 firing').waitFor();
    await panel('Alerts').getByRole('cell', { name: '<b>3</b> dead letters' }).waitFor();
    expect(await panel('Alerts').locator('b').count()).toBe(0);
    await shot('10-alerts');
    await page.unroute('**/api/admin/alerts?*');
  });

  it('signs out: the session ends on the server and the sign-in form is back', async () => {
    const token = await page.evaluate<string | null>("sessionStorage.getItem('dbolt.console.token')");
    expect(token).toEqual(expect.any(String));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    await request(http()).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await shot('11-signed-out');
  });
});
