import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { APP_ROOT } from '../../src/database/app-paths';

const CLI = join(APP_ROOT, 'dist', 'src', 'cli', 'cli.js');

export interface BuiltCliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** The built CLI (`npm run cli`) with exactly the settings given: nothing inherited from the test's environment. */
export function runBuiltCli(env: Record<string, string>, ...args: string[]): Promise<BuiltCliRun> {
  return spawnCli(env, args, null);
}

/** The same, with `stdin` piped in (then closed). */
export function pipeToBuiltCli(env: Record<string, string>, stdin: string, ...args: string[]): Promise<BuiltCliRun> {
  return spawnCli(env, args, stdin);
}

function spawnCli(env: Record<string, string>, args: readonly string[], stdin: string | null): Promise<BuiltCliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: APP_ROOT,
      env,
      stdio: [stdin === null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => (out += chunk));
    child.stderr?.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out: out.trim(), err: err.trim() }));
    if (stdin !== null) child.stdin?.end(stdin);
  });
}
