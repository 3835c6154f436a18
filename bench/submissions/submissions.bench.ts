import { execFileSync } from 'node:child_process';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { BASELINE_SUBMISSIONS, CHROMIUM_PATH, CONCURRENCY_LEVELS, WARM_SITE, WARM_SUBMISSIONS } from './bench-config';
import { runBaselineLevel, runWarmMicro, type BaselineLevel } from './baseline-level';
import { startSandboxChild } from './child-processes';
import { runOursLevel, type OursLevel } from './ours-level';
import { consoleSummary, type BenchReport } from './report';
import { writeSubmissionsSection } from './results-section';

/**
 * Submissions/hour end to end (API → events → queue → worker → sandbox → projections)
 * with the built app against the sandbox, beside the seed's browser-per-submission baseline, at
 * a few WORKER_CONCURRENCY levels; plus a warm micro-run of the submitter on one simple site.
 * `npm run bench:submissions`; BENCH_CONCURRENCY=2,4 BENCH_JOBS=1 for a smaller run.
 */
function chromiumVersion(): string {
  try {
    return (
      execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')
        .at(-1) ?? 'unknown'
    );
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const info = await machineInfo();
  const chromium = chromiumVersion();
  console.log(
    `Submissions benchmark: ${info.cores} cores, ${info.cpuModel}; ${info.postgres}; Node ${info.node}; ${chromium}; load ${info.loadAtStart}`,
  );
  const sandbox = await startSandboxChild();
  try {
    console.log(`Sandbox child ${sandbox.child.pid} at ${sandbox.baseUrl}. Warm micro-run on ${WARM_SITE}…`);
    const warm = await runWarmMicro(WARM_SITE, WARM_SUBMISSIONS, sandbox.baseUrl, sandbox.child);
    const ours: OursLevel[] = [];
    const baseline: BaselineLevel[] = [];
    for (const [index, concurrency] of CONCURRENCY_LEVELS.entries()) {
      // Who goes first alternates, so drifting outside load hits both alike.
      const steps = [
        async (): Promise<void> => {
          console.log(`Ours, WORKER_CONCURRENCY=${concurrency}…`);
          ours.push(await runOursLevel(concurrency, sandbox.baseUrl, sandbox.child));
          console.log(`  ${ours.at(-1)?.submissions} submissions in ${ours.at(-1)?.seconds.toFixed(1)} s`);
        },
        async (): Promise<void> => {
          console.log(`Baseline (browser per submission), concurrency ${concurrency}…`);
          baseline.push(await runBaselineLevel(concurrency, BASELINE_SUBMISSIONS, sandbox.baseUrl, sandbox.child));
          console.log(`  ${baseline.at(-1)?.run.submissions.length} submissions in ${baseline.at(-1)?.run.seconds.toFixed(1)} s`);
        },
      ];
      for (const step of index % 2 === 0 ? steps : [...steps].reverse()) await step();
    }
    const report: BenchReport = {
      info: { ...info, loadAtEnd: loadAverage() },
      chromium,
      warm,
      ours,
      baseline,
      totalSeconds: (Date.now() - started) / 1000,
    };
    console.log(`\n${consoleSummary(report)}`);
    console.log(`\nWrote ${writeSubmissionsSection(report)}`);
  } finally {
    await sandbox.child.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
