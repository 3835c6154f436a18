import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { eventually } from '../support/eventually';
import { demoAdminSession } from '../support/sessions';
import { DEMO_CUSTOMER_LOGIN } from '../../src/demo/demo-accounts';

interface JobView {
  readonly status: string;
  readonly submissions?: { readonly byStatus: Record<string, number> };
}

/**
 * The README's first command: the built app on embedded defaults (no configuration but a data
 * directory, a port and a shorter retry base) starts the sandbox, seeds the catalog and runs a
 * demo job to the end with real Chromium; SIGTERM then stops it cleanly.
 */
describe('npm start on embedded defaults runs the demo job', () => {
  let dataDir: string;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-demo-'));
  });
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('completes the demo job against the sandbox, keeps evidence, and exits 0 on SIGTERM', async () => {
    app = await startAppProcess({ DATA_DIR: dataDir, RETRY_BASE_DELAY_MS: '500', RETRY_MIN_DELAY_MS: '100' });
    await waitForHealth(app);
    const base = `http://127.0.0.1:${app.port}/api`;
    const auth = (await demoAdminSession(`http://127.0.0.1:${app.port}`)).headers;
    const [job] = await eventually(async () => {
      const body = (await (await fetch(`${base}/queue/demo-customer`, { headers: auth })).json()) as { jobs: { jobId: string }[] };
      return body.jobs.length > 0 ? body.jobs : null;
    });
    const done = await eventually(
      async () => {
        const view = (await (await fetch(`${base}/jobs/${job.jobId}`, { headers: auth })).json()) as JobView;
        return view.status === 'complete' ? view : null;
      },
      { timeoutMs: 180_000 },
    );
    expect(done.submissions?.byStatus).toMatchObject({ succeeded: 11, needs_manual: 2, skipped: 1 });
    const evidence = await readdir(join(dataDir, 'evidence', job.jobId));
    // One screenshot per attempt, JPEG by default (EVIDENCE_FORMAT).
    expect(evidence.filter((file) => file.endsWith('.jpg')).length).toBeGreaterThanOrEqual(14);

    // The demo says how to sign in, and its customer login sees its own job.
    expect(app.output()).toContain(`curl -s -X POST http://127.0.0.1:`);
    const signIn = await fetch(`${base}/customer/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO_CUSTOMER_LOGIN),
    });
    const { token } = (await signIn.json()) as { token: string };
    const own = await fetch(`${base}/jobs/${job.jobId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(own.status).toBe(200);

    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('closed cleanly');
  });
});
