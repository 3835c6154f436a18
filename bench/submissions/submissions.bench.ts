import { execFileSync } from 'node:child_process';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { BASELINE_SUBMISSIONS, CHROMIUM_PATH, CONCURRENCY_LEVELS, WARM_SITE, WARM_SUBMISSIONS } from './bench-config';
import { runBaselineLevel, runWarmMicro } from './baseline-level';
import { startSandboxChild } from './child-processes';
import { runOursLevel } from './ours-level';
import { consoleSummary, type BenchReport, type VariantResult } from './report';
import { writeSubmissionsSection } from './results-section';
import { selectedVariants } from './variants';

/**
 * CPU seconds per submission, the headline: today's pipeline, each cost change alone, all of them
 * and the browser-per-submission baseline, side by side in one run. Per variant a warm sequential
 * run split by phase (submitter only) and an end-to-end level (API → events → queue → worker →
 * sandbox → projections, the built app). `npm run bench:submissions`; BENCH_VARIANTS=0,5 for a subset.
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
  const concurrency = CONCURRENCY_LEVELS[0];
  console.log(
    `Submissions benchmark: ${info.cores} cores, ${info.cpuModel}; ${info.postgres}; Node ${info.node}; ${chromium}; load ${info.loadAtStart}`,
  );
  const sandbox = await startSandboxChild();
  try {
    const variants: VariantResult[] = [];
    const selected = selectedVariants();
    for (const [index, variant] of selected.entries()) {
      console.log(`${variant.name}: warm run on ${WARM_SITE}…`);
      const warm = await runWarmMicro(WARM_SITE, WARM_SUBMISSIONS, sandbox.baseUrl, sandbox.child, {
        ...variant.settings,
        BENCH_TAG: `v${index}`,
      });
      console.log(`  ${(warm.run.cpuPerSubmission * 1000).toFixed(0)} CPU ms/sub`);
      // End to end for today's and all together (bounded run); every variant with BENCH_E2E_ALL=1, none with BENCH_E2E=0.
      const e2e = process.env.BENCH_E2E !== '0' && (index === 0 || index === selected.length - 1 || process.env.BENCH_E2E_ALL === '1');
      const ours = e2e ? await runOursLevel(concurrency, sandbox.baseUrl, sandbox.child, variant.settings) : null;
      if (ours)
        console.log(`  end to end at WORKER_CONCURRENCY=${concurrency}: ${ours.submissions} submissions in ${ours.seconds.toFixed(1)} s`);
      variants.push({ name: variant.name, settings: variant.settings, warm, ours });
    }
    console.log(`Baseline (browser per submission), concurrency ${concurrency}…`);
    const baseline = await runBaselineLevel(concurrency, BASELINE_SUBMISSIONS, sandbox.baseUrl, sandbox.child);
    const report: BenchReport = {
      info: { ...info, loadAtEnd: loadAverage() },
      chromium,
      variants,
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
