import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT } from '../../src/database/app-paths';
import { freePort, startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { Pool } from 'pg';
import { eventually } from '../support/eventually';
import { staffSession } from '../support/sessions';

const CLI = join(APP_ROOT, 'dist', 'src', 'cli', 'cli.js');

interface Exit {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function runCliProcess(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 }, (error, out, err) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err });
    });
  });
}

/**
 * `npm start` on embedded defaults, and an operator's CLI pointed at its embedded server (the way
 * the data-directory lock leaves open: DATABASE_URL = the URL the server logs). Every client of
 * that server shares one PGlite session, so only a lease with a holder identity keeps the CLI's
 * runner from rebuilding beside the app's.
 */
describe('the CLI against a running embedded server (built app and CLI)', () => {
  let dataDir: string;
  let pgPort: number;
  let app: AppProcess | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-test-cli-embedded-'));
    pgPort = await freePort();
    app = await startAppProcess({
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      ROLES: 'api,projector',
      DEMO: 'false',
      RETENTION_INTERVAL_MINUTES: '0',
    });
    await waitForHealth(app);
    // A staff session written through the embedded server the app serves.
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres`, max: 1 });
    const { headers } = await staffSession(pool, { role: 'staff' }).finally(() => pool.end());
    await eventually(
      async () => {
        const response = await fetch(`http://127.0.0.1:${app!.port}/api/admin/projections`, { headers });
        return ((await response.json()) as { state: string }[]).every((s) => s.state === 'live');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  }, 120_000);
  afterAll(async () => {
    app?.child.kill('SIGTERM');
    await app?.exited;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to run a second projection runner in the CLI: it names the app as the holder and waits for its swap', async () => {
    expect(app!.output()).toContain(`serving postgres://postgres@127.0.0.1:${pgPort}/postgres`);
    const cliData = await mkdtemp(join(tmpdir(), 'dbolt-test-cli-embedded-cli-'));
    try {
      const env = {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/postgres`,
        DATA_DIR: cliData,
        DB_POOL_MAX: '3',
      };
      const { code, out, err } = await runCliProcess(['projections', 'rebuild', 'jobs', '--wait'], env);
      expect({ code, err }).toEqual({ code: 0, err: '' });
      const appPid = app!.child.pid;
      expect(out).toMatch(
        new RegExp(
          `^jobs: not run here: main\\.js \\(pid ${appPid} on \\S+\\) \\(its lease since \\S+\\) runs this projection; it rebuilds, this waits for its swap$`,
          'm',
        ),
      );
      expect(out).toMatch(/^jobs: rebuilt by the process holding it; generation g2 is live/m);
    } finally {
      await rm(cliData, { recursive: true, force: true });
    }
  });
});
