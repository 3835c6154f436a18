import { sandboxDirectories } from './sandbox-catalog';
import { startSandbox } from './sandbox.server';

/** `node dist/sandbox/main.js [port] [host]`, or SANDBOX_PORT / SANDBOX_HOST / SANDBOX_SLOW_MS / SANDBOX_FLAKY_FAIL_FIRST / SANDBOX_FLAKY_RATE / SANDBOX_SEED. */
function numberFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`Not a number: ${value}`);
  return parsed;
}

async function main(): Promise<void> {
  const [portArg, hostArg] = process.argv.slice(2);
  const sandbox = await startSandbox({
    port: numberFrom(portArg) ?? numberFrom(process.env.SANDBOX_PORT) ?? 4455,
    host: hostArg ?? process.env.SANDBOX_HOST ?? '127.0.0.1',
    slowMs: numberFrom(process.env.SANDBOX_SLOW_MS),
    flakyFailFirst: numberFrom(process.env.SANDBOX_FLAKY_FAIL_FIRST),
    flakyRate: numberFrom(process.env.SANDBOX_FLAKY_RATE),
    seed: numberFrom(process.env.SANDBOX_SEED),
  });
  process.stdout.write(`Directory sandbox listening on ${sandbox.baseUrl}\n`);
  if (sandbox.thirdPartyOrigin)
    process.stdout.write(`  third-party assets at ${sandbox.thirdPartyOrigin}; each directory on its own address:\n`);
  for (const directory of sandboxDirectories(sandbox.baseUrl, sandbox.sites.length)) {
    process.stdout.write(`  ${directory.id.padEnd(32)} ${directory.submissionUrl}\n`);
  }
  const stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
