import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface FauxqsProcess {
  /** Pass as `SqsConfig.endpoint`; queue URLs are only resolvable through it. */
  readonly endpoint: string;
  /** SIGSTOP: connections hang (no refusal), state is kept. */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/**
 * fauxqs is ESM-only and Jest transpiles to CommonJS, so it runs as a child process. Its CLI
 * hard-codes `logger: true` (FAUXQS_LOGGER is ignored there), hence stdout is discarded.
 */
export async function startFauxqs(): Promise<FauxqsProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [fauxqsCli()], {
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_LOGGER: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = collectTail(child);
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(child, endpoint, stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    pause: () => signal(child, 'SIGSTOP'),
    resume: () => signal(child, 'SIGCONT'),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await stopChild(child);
    },
  };
}

function fauxqsCli(): string {
  // Walk up so this works from test/support and from a compiled dist/test/support alike.
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'fauxqs', 'dist', 'cli.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('fauxqs is not installed: node_modules/fauxqs/dist/cli.js not found');
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

function collectTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  return () => tail;
}

async function waitForHealth(child: ChildProcess, endpoint: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`fauxqs exited during start (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    }
    if (await healthy(endpoint)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fauxqs did not answer ${endpoint}/health within ${START_TIMEOUT_MS} ms: ${stderr()}`);
}

async function healthy(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

function signal(child: ChildProcess, name: 'SIGSTOP' | 'SIGCONT'): void {
  if (child.exitCode !== null || child.signalCode !== null) throw new Error(`fauxqs is not running (cannot ${name})`);
  child.kill(name);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A stopped process does not act on SIGTERM until continued.
  child.kill('SIGCONT');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
  child.stderr?.destroy();
}
