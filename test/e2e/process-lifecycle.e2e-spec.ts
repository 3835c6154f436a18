import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT } from '../../src/database/app-paths';
import { eventually } from '../support/eventually';

const MAIN = join(APP_ROOT, 'dist', 'src', 'main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200;
  } catch {
    return false;
  }
}

describe('the built server process (npm start)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-proc-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('boots on embedded defaults, shuts down cleanly on SIGTERM, and boots again on the same data', async () => {
    for (let round = 0; round < 2; round++) {
      const port = await freePort();
      const server = start({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '' });
      await eventually(() => server.child.exitCode !== null || /listening on/.test(server.output()), {
        timeoutMs: 60_000,
        intervalMs: 20,
        message: 'boot',
      });
      expect(await healthy(port)).toBe(true);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('closed cleanly');
    }
  });

  it('refuses to boot on invalid settings, naming each problem, without a stack trace', async () => {
    const server = start({ PORT: 'eighty', EVENT_STORE: 'mongo', DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT must be a whole number');
    expect(server.output()).toContain('EVENT_STORE must be one of postgres, eventstoredb');
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});
