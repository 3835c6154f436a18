import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { freePort, startChild, waitFor, type Child } from '../submissions/child-processes';

/**
 * fauxqs (the SQS emulator) as a child process: it is ESM-only, so it runs from its own CLI. The
 * minimal part of test/support/fauxqs-server.ts, copied because test code is not in the build.
 */
export async function startFauxqsChild(): Promise<{ child: Child; endpoint: string }> {
  const port = await freePort();
  const child = startChild(fauxqsCli(), [], { FAUXQS_PORT: String(port), FAUXQS_LOGGER: 'false' });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitFor(
    'fauxqs',
    async () => {
      if (child.process.exitCode !== null) throw new Error(`fauxqs exited: ${child.output().slice(-2000)}`);
      try {
        return (await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) })).ok ? true : null;
      } catch {
        return null;
      }
    },
    15_000,
  );
  return { child, endpoint };
}

function fauxqsCli(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'fauxqs', 'dist', 'cli.js');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('fauxqs is not installed: node_modules/fauxqs/dist/cli.js not found');
  }
}
