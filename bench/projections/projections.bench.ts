import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import type { ProjectionHost } from '../../projections/runtime/projection-host';
import { readAllStates } from '../../projections/runtime/projection-registry';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { runAppendLoad } from './append-load';
import { KEEP_DATABASE } from './bench-config';
import { createBenchDatabase, createBenchPool, dropBenchDatabase } from './bench-database';
import { APPEND_LOAD_ARG, runLagPhase, serveAppendLoad } from './lag-phase';
import { addExpectations } from './log-expectations';
import { runReadPasses } from './read-passes';
import { runRebuilds } from './rebuild-phase';
import { consoleSummary, markdownSection, type BenchReport } from './report';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { seedLog } from './seed-log';
import { compareSliceTables, dropSliceTables, runSlice } from './slice-comparison';
import { verifyRows } from './verify-rows';

/**
 * Projections benchmark: a 1M-event log of job histories, a timed blue/green rebuild of jobs,
 * job_results and queue_history, catch-up lag under a steady append load, and the runtime's
 * page batching against one transaction per event on a slice. `npm run bench:projections`;
 * BENCH_SCALE=0.05 for a smoke run, BENCH_KEEP_DB=1 to keep the database.
 */
async function measure(database: string, started: number): Promise<BenchReport> {
  const info = await machineInfo();
  const pool = createBenchPool(database, 'projector');
  const store = new PostgresEventStore(pool, { maxEventBytes: 1 << 20, pollIntervalMs: 1000, listen: true });
  let host: ProjectionHost | null = null;
  try {
    console.log(`Projections benchmark on ${database}: ${info.cores} cores, ${info.postgres}, Node ${info.node}; load ${info.loadAtStart}`);
    const seed = await seedLog(pool, store);
    console.log(
      `Seeded ${seed.expected.events.toLocaleString('en-US')} events in ${seed.seconds.toFixed(1)} s (${seed.eventsBytes}); sample ${seed.sampleStream}`,
    );
    console.log('Rebuilds of jobs, job_results, queue_history…');
    const { rounds, bench } = await runRebuilds(pool, store);
    host = bench.host;
    const rowsAfterRebuild = await verifyRows(pool, seed.expected);
    console.log('Read-only passes…');
    const reads = await runReadPasses(store, seed.expected.events);
    console.log(`Steady append load with the host live…`);
    const lag = await runLagPhase(pool, bench.host, __filename, database);
    const rowsAfterLag = await verifyRows(pool, addExpectations(seed.expected, lag.load.expected));
    await bench.host.stop();
    host = null;
    const live = new Map((await readAllStates(pool)).map((s) => [s.name, s.liveGeneration]));
    console.log('Slice comparison: batched, then per-event…');
    const batched = await runSlice(pool, store, 'batched');
    console.log(`  batched ${batched.seconds.toFixed(2)} s`);
    const perEvent = await runSlice(pool, store, 'per-event');
    console.log(`  per-event ${perEvent.seconds.toFixed(2)} s`);
    const differing = await compareSliceTables(pool);
    await dropSliceTables(pool, live);
    return {
      info: { ...info, loadAtEnd: loadAverage() },
      seed,
      rounds,
      reads,
      rowsAfterRebuild,
      lag,
      rowsAfterLag,
      slices: { batched, perEvent, differing },
      hostErrors: bench.errors,
      totalSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    await host?.stop();
    await store.close();
    await pool.end();
  }
}

async function runParent(): Promise<void> {
  const started = Date.now();
  const database = await createBenchDatabase();
  let report: BenchReport;
  try {
    report = await measure(database, started);
  } finally {
    if (KEEP_DATABASE) console.log(`Kept database ${database}`);
    else await dropBenchDatabase(database);
  }
  console.log(`\n${consoleSummary(report)}`);
  writeResultsSection('## Projections (bench/projections)', markdownSection(report));
  console.log(`\nWrote ${resultsPath()}`);
  if (!report.rowsAfterRebuild.ok || !report.rowsAfterLag.ok || report.slices.differing !== 0 || report.hostErrors.length > 0) {
    process.exitCode = 1;
  }
}

const loadIndex = process.argv.indexOf(APPEND_LOAD_ARG);
(loadIndex === -1 ? runParent() : serveAppendLoad(process.argv[loadIndex + 1], runAppendLoad)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
  process.disconnect?.();
});
