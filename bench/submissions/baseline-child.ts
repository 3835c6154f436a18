import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSiteTemplate } from '../../sandbox/sites/site.registry';
import { CATALOG_SIZE } from './bench-config';
import { simpleDirectories } from './bench-catalog';
import { treeCpuSeconds } from './proc-cpu';
import { runCold } from './submitter-runs';
import { runWarm } from './warm-phases';

/**
 * The baseline's process: `cold <sandboxUrl> <concurrency> <count>` or `warm <sandboxUrl> <site> <count>`.
 * Prints READY, starts on SIGUSR2 (so the parent's CPU reading excludes Node's start-up), prints
 * RESULT <json>, then stays until SIGTERM so that the parent can read its CPU (and its reaped
 * browsers') before it goes. Leaves by itself after a minute if nobody comes.
 */
const LINGER_MS = 60_000;
const DRAIN_MS = 30_000;

function descendants(pid: number): number {
  let count = 0;
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) count += 1;
    } catch {
      // gone
    }
  }
  return count;
}

/** Browsers closed in the background (a context's release closes its retired browser) must be gone before the clock stops. */
async function drainBrowsers(): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  while (descendants(process.pid) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function run(mode: string, sandboxUrl: string, a: string, b: string): Promise<unknown> {
  const evidenceDir = join(tmpdir(), `bench-sub-baseline-${process.pid}`);
  try {
    if (mode === 'cold') {
      const started = performance.now();
      const cold = await runCold(simpleDirectories(sandboxUrl, CATALOG_SIZE), Number(b), Number(a), evidenceDir);
      await drainBrowsers();
      return { ...cold, seconds: (performance.now() - started) / 1000 };
    }
    const site = findSiteTemplate(a);
    if (!site) throw new Error(`unknown site ${a}`);
    const directories = simpleDirectories(sandboxUrl, CATALOG_SIZE).filter((d) => d.id.startsWith(`sandbox-${site.id}-`));
    return await runWarm(directories, Number(b), evidenceDir);
  } finally {
    rmSync(evidenceDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [mode, sandboxUrl, a, b] = process.argv.slice(2);
  await new Promise<void>((resolve, reject) => {
    // A pending signal listener does not keep Node alive: the timer does, and bounds the wait.
    const timer = setTimeout(() => reject(new Error('no start signal within a minute')), LINGER_MS);
    process.once('SIGUSR2', () => {
      clearTimeout(timer);
      resolve();
    });
    process.stdout.write('READY\n');
  });
  const result = await run(mode, sandboxUrl, a, b);
  process.stdout.write(`RESULT ${JSON.stringify({ result, ownCpuSeconds: treeCpuSeconds(process.pid) })}\n`);
  const linger = setTimeout(() => process.exit(0), LINGER_MS);
  process.once('SIGTERM', () => {
    clearTimeout(linger);
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
