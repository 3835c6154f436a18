import { BASELINE_TIMEOUT_MS } from './bench-config';
import { BASELINE_ENTRY, startChild, waitFor, type Child } from './child-processes';
import { startCpuWindow, type CpuSplit } from './cpu-window';
import type { ColdRun } from './submitter-runs';
import { TODAY } from './variants';
import type { WarmRun } from './warm-phases';

export interface BaselineLevel {
  readonly concurrency: number;
  readonly run: ColdRun;
  readonly cpu: CpuSplit;
}

export interface WarmResult {
  readonly run: WarmRun;
  readonly cpu: CpuSplit;
}

/** Runs one baseline child to its RESULT line, CPU measured from its start signal to its result. */
async function runChild<T>(
  args: readonly string[],
  sandbox: Child,
  env: Readonly<Record<string, string>>,
): Promise<{ result: T; cpu: CpuSplit }> {
  const child = startChild(BASELINE_ENTRY, args, { ...env });
  try {
    await waitFor(
      'the baseline child to be ready',
      () => (child.output().includes('READY') ? true : exited(child.process.exitCode, child.output())),
      60_000,
      20,
    );
    const window = startCpuWindow(child, sandbox, null);
    child.process.kill('SIGUSR2');
    const line = await waitFor(
      'the baseline result',
      () => /^RESULT (.*)$/m.exec(child.output())?.[1] ?? exited(child.process.exitCode, child.output()),
      BASELINE_TIMEOUT_MS,
      20,
    );
    const cpu = window.end();
    return { result: (JSON.parse(line) as { result: T }).result, cpu };
  } finally {
    await child.stop();
  }
}

function exited(code: number | null, output: string): null {
  if (code !== null) throw new Error(`baseline child exited (${code}):\n${output.slice(-4000)}`);
  return null;
}

/** The seed's browser per submission, on today's cost settings. */
export async function runBaselineLevel(concurrency: number, count: number, sandboxUrl: string, sandbox: Child): Promise<BaselineLevel> {
  const { result, cpu } = await runChild<ColdRun>(['cold', sandboxUrl, String(concurrency), String(count)], sandbox, TODAY);
  // The child's own clock covers the submissions and the last browsers' exit, not the wait for its RESULT line.
  return { concurrency, run: result, cpu: { ...cpu, wallSeconds: result.seconds } };
}

export async function runWarmMicro(
  site: string,
  count: number,
  sandboxUrl: string,
  sandbox: Child,
  settings: Readonly<Record<string, string>>,
): Promise<WarmResult> {
  const { result, cpu } = await runChild<WarmRun>(['warm', sandboxUrl, site, String(count)], sandbox, settings);
  return { run: result, cpu };
}
