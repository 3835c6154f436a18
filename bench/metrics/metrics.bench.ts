import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { connectionStringFor, createDatabase, dropDatabase } from '../shared/bench-server';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { benchStaffHeaders } from '../submissions/bench-session';
import { startMetricsApi } from './metrics-app';
import { METRICS_HEADING, metricsSection, resultTable, targetLine, type Measured, type Scenario } from './report';
import { scrape } from './scrape-run';
import { ISSUE_SIZE, seedReadModels } from './seed-read-models';

const REQUESTS = Number(process.env.BENCH_SCRAPES ?? 500);
const CONCURRENCY = 4;
const NAME_PATTERN = /^bench_metrics_[0-9a-f]{8}$/;

/**
 * `/api/metrics` latency with 10,000 jobs and 500,000 submissions in the read models (target
 * p99 ≤ 20 ms), against two baselines in the same run: the same process on empty read models,
 * and the seeded database scraped with METRICS_FLEET off (this process's own metrics only).
 * Scrapes one at a time, then 4 at once. `npm run bench:metrics`; BENCH_SCRAPES sets the count,
 * BENCH_NO_WRITE=1 leaves bench/RESULTS.md alone.
 */
async function main(): Promise<void> {
  const info = await machineInfo();
  console.log(`Metrics benchmark: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}; load ${info.loadAtStart}`);
  const name = await createDatabase(`bench_metrics_${randomBytes(4).toString('hex')}`);
  const url = connectionStringFor(name);
  const pool = new Pool({ connectionString: url, max: 2 });
  const measured: Measured[] = [];
  const seeded = { jobs: 0, submissions: 0 };
  try {
    await runMigrations(pool);
    const fleet = await startMetricsApi(url, true);
    let headers: Record<string, string>;
    try {
      headers = await metricsKeyHeaders(pool, fleet.baseUrl);
      measured.push(...(await measure(fleet.baseUrl, headers, 'empty read models, fleet on')));
      Object.assign(seeded, await seedReadModels(pool, ISSUE_SIZE));
      console.log(`seeded ${seeded.jobs} jobs, ${seeded.submissions} submissions`);
      measured.push(...(await measure(fleet.baseUrl, headers, 'seeded, fleet on')));
    } finally {
      await fleet.app.close();
    }
    const local = await startMetricsApi(url, false);
    try {
      measured.push(...(await measure(local.baseUrl, headers, 'seeded, fleet off')));
    } finally {
      await local.app.close();
    }
  } finally {
    await pool.end();
    await dropDatabase(name, NAME_PATTERN);
  }
  const loadAtEnd = loadAverage();
  console.log(resultTable(measured, 'text'));
  console.log(targetLine(measured));
  if (process.env.BENCH_NO_WRITE !== '1') {
    writeResultsSection(METRICS_HEADING, metricsSection(info, loadAtEnd, seeded, measured));
    console.log(`Wrote ${resultsPath()}`);
  }
}

/** A key with scope `metrics`, made through the API as an operator would for Prometheus (see docs/operations). */
async function metricsKeyHeaders(pool: Pool, baseUrl: string): Promise<Record<string, string>> {
  const admin = await benchStaffHeaders(pool, baseUrl, 'admin');
  const response = await fetch(`${baseUrl}/api/admin/api-keys`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench-prometheus', scopes: ['metrics'] }),
  });
  if (response.status !== 201) throw new Error(`metrics key: ${response.status} ${await response.text()}`);
  return { 'X-API-Key': ((await response.json()) as { key: string }).key };
}

async function measure(baseUrl: string, headers: Record<string, string>, scenario: Scenario): Promise<Measured[]> {
  const url = `${baseUrl}/api/metrics`;
  await scrape({ url, headers, requests: 100, concurrency: 2 }); // warm up: plans, pools, JIT
  const results: Measured[] = [];
  for (const concurrency of [1, CONCURRENCY]) {
    const load = loadAverage();
    results.push({ scenario, load, figures: await scrape({ url, headers, requests: REQUESTS, concurrency }) });
  }
  return results;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
