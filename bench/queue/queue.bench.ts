import { performance } from 'node:perf_hooks';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { createBenchDatabase, dropBenchDatabase } from './bench-database';
import { runPostgres, runSqs, type SubjectResult } from './bench-plan';
import { PG_HEADERS, SQS_HEADERS, checkLines, machineLine, markdownTable, pgRows, sqsRows, targetLines, textTable } from './report';
import { HEADING, previousRun, sectionText } from './results-section';

/**
 * Queue benchmark: our PostgreSQL queue against pg-boss on the machine's server, and our SQS
 * adapter against the fauxqs emulator. `npm run bench:queue`; BENCH_SCALE=0.1 for a smoke run,
 * BENCH_NO_WRITE=1 to leave bench/RESULTS.md alone.
 */
async function main(): Promise<void> {
  const info = await machineInfo();
  const started = performance.now();
  console.log(`Queue benchmark: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}`);
  console.log(`Load average at start: ${info.loadAtStart}`);
  const database = await createBenchDatabase();
  let pg: SubjectResult[];
  try {
    pg = await runPostgres(database);
  } finally {
    await dropBenchDatabase(database);
  }
  const sqs = await runSqs();
  const [ours, boss] = pg;
  const loadAtEnd = loadAverage();
  const seconds = ((performance.now() - started) / 1000).toFixed(0);

  const targets = targetLines(ours, boss);
  const checks = checkLines([ours, boss, sqs]);
  console.log(`\n${textTable(PG_HEADERS, pgRows(ours, boss))}\n`);
  console.log(`${textTable(SQS_HEADERS, sqsRows(sqs))}\n`);
  console.log(['Targets:', ...targets, 'Checks:', ...checks].join('\n'));
  console.log(`Load average at end: ${loadAtEnd}; whole run ${seconds} s`);

  const thisRun = [
    `### Run ${info.date}`,
    '',
    machineLine(info),
    `Load average (1 / 5 / 15 min) at start ${info.loadAtStart}, at end ${loadAtEnd}. Whole run ${seconds} s.`,
    '',
    'PostgreSQL queues (latencies in ms, p50 / p99 / max):',
    '',
    markdownTable(PG_HEADERS, pgRows(ours, boss)),
    '',
    'SQS adapter against the fauxqs emulator (the adapter plus the emulator, not AWS):',
    '',
    markdownTable(SQS_HEADERS, sqsRows(sqs)),
    '',
    'Targets:',
    '',
    ...targets,
    '',
    'Checks:',
    '',
    ...(checks.length > 0 ? checks : ['- none']),
  ].join('\n');
  if (process.env.BENCH_NO_WRITE !== '1') {
    writeResultsSection(HEADING, sectionText(thisRun, previousRun()));
    console.log(`\nWrote ${resultsPath()}`);
  }
  if ([ours, boss, sqs].some((s) => s.errors.length > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
