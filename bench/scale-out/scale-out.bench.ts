import { execFileSync } from 'node:child_process';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { startSandboxChild } from '../submissions/child-processes';
import { SCENARIOS } from './scale-out-config';
import { runScenario, type ScenarioResult } from './scale-out-level';
import { markdownTable } from '../shared/tables';
import { scenarioTable, sectionText, type ScaleOutReport } from './scale-out-report';

/**
 * The same submissions run with 1 and 2 worker processes sharing the PostgreSQL queue, then SQS
 * (fauxqs), against the multi-origin sandbox: `npm run bench:scale-out`. Writes its section of
 * bench/RESULTS.md (BENCH_RESULTS overrides the path).
 */
const HEADING = '## Scale-out (bench/scale-out)';

function chromiumVersion(): string {
  try {
    const out = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim().split('\n').at(-1) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const info = await machineInfo();
  const chromium = chromiumVersion();
  console.log(`Scale-out benchmark: ${info.cores} cores; ${info.postgres}; ${chromium}; load ${info.loadAtStart}`);
  const sandbox = await startSandboxChild();
  const results: ScenarioResult[] = [];
  const path = process.env.BENCH_RESULTS ?? resultsPath();
  // Written after every scenario: a run cut short (the machine is shared) still leaves what it measured.
  const write = (): void => {
    const report: ScaleOutReport = {
      info: { ...info, loadAtEnd: loadAverage() },
      chromium,
      results,
      totalSeconds: (Date.now() - started) / 1000,
    };
    writeResultsSection(HEADING, sectionText(report, SCENARIOS.length), path);
  };
  try {
    for (const scenario of SCENARIOS) {
      console.log(`${scenario.queue} queue, ${scenario.workers} worker process(es)…`);
      results.push(await runScenario(scenario, sandbox.baseUrl, sandbox.child));
      const last = results[results.length - 1];
      console.log(`  ${last.submissions} submissions (${last.succeeded} ok) in ${last.wallSeconds.toFixed(1)} s; load ${loadAverage()}`);
      for (const line of last.otherOutcomes) console.log(`    ${line}`);
      write();
    }
  } finally {
    await sandbox.child.stop();
  }
  console.log(`\n${markdownTable(scenarioTable(results))}\n\nWrote ${path}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
