import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createCpuGroup } from './cgroup-cpu';
import { treeCpuSeconds } from './proc-cpu';

/** The built tree this file runs from (dist/ or a tsc outDir): the app and sandbox entries sit beside bench/. */
const BUILT_ROOT = join(__dirname, '..', '..');
export const APP_ENTRY = join(BUILT_ROOT, 'src', 'main.js');
export const SANDBOX_ENTRY = join(BUILT_ROOT, 'sandbox', 'main.js');
export const BASELINE_ENTRY = join(__dirname, 'baseline-child.js');

export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  output(): string;
  /** CPU seconds of the process and everything it started: its cgroup's usage, else its live /proc tree. */
  cpuSeconds(): number;
  /** Which of the two `cpuSeconds` reads. */
  readonly accounting: 'cgroup' | 'proc-tree';
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export function startChild(entry: string, args: readonly string[], env: Record<string, string>): Child {
  let output = '';
  const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output = (output + String(chunk)).slice(-200_000)));
  child.stderr?.on('data', (chunk) => (output = (output + String(chunk)).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 20_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${entry}`);
  const group = createCpuGroup(`bench_sub_${pid}`, pid);
  const stopAndRemove = async (graceMs?: number): Promise<void> => {
    await stop(graceMs);
    group?.remove();
  };
  const cpuSeconds = (): number => (group ? group.seconds() : treeCpuSeconds(pid));
  return { process: child, pid, output: () => output, cpuSeconds, accounting: group ? 'cgroup' : 'proc-tree', stop: stopAndRemove };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The sandbox as a process of its own, so its CPU is measured apart from the app's. */
export async function startSandboxChild(): Promise<{ child: Child; baseUrl: string }> {
  const child = startChild(SANDBOX_ENTRY, ['0', '127.0.0.1'], { SANDBOX_SEED: '42' });
  const baseUrl = await waitFor(
    'the sandbox',
    () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(child.output())?.[1] ?? exitedEarly(child),
    30_000,
  );
  return { child, baseUrl };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The built app (`node dist/src/main.js`), every role in one process, on the settings given. */
export async function startAppChild(env: Record<string, string>): Promise<{ child: Child; baseUrl: string }> {
  const port = await freePort();
  const child = startChild(APP_ENTRY, [], { ...env, PORT: String(port), HOST: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(
    'the app to be healthy',
    async () => {
      exitedEarly(child);
      try {
        return (await fetch(`${baseUrl}/api/health`)).status === 200 ? true : null;
      } catch {
        return null;
      }
    },
    90_000,
    200,
  );
  return { child, baseUrl };
}

function exitedEarly(child: Child): null {
  if (child.process.exitCode !== null) throw new Error(`child exited early (${child.process.exitCode}):\n${child.output().slice(-4000)}`);
  return null;
}
