import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { connectionStringFor, createDatabase, dropDatabase } from '../shared/bench-server';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { benchStaffHeaders } from '../submissions/bench-session';
import { startApi, type Guards } from './api-app';
import { cpuPerRequest } from './cpu-usage';
import { runLoad, type LoadResult } from './load-run';
import { runOpenLoad } from './open-load';
import { API_HEADING, apiSection, resultRows, targetLines, type Load, type Measured } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The steady runs are longer: their p99s are the targets, and on a shared host a 10 s run's tail
 * depends on whether a stall or two (GC, the scheduler) fell inside it; 30,000 list requests and
 * 2,000 creations average over many.
 */
const DURATIONS = { list: 6 * SECONDS, create: 2 * SECONDS, bursts: SECONDS };
const LIST = 'GET /api/queue/:customerId';
const CREATE = 'POST /api/queue/:customerId';
const CUSTOMER = 'bench-customer';
const NAME_PATTERN = /^bench_api_[0-9a-f]{8}$/;

/**
 * API benchmark: `GET /api/queue/:customerId` at 500 req/s and job creation at 100 req/s, with
 * sessions and rate limits on, then with the guards replaced by an admit-all one, in the same run
 * on the same database: the difference is what the guards cost. Each at a steady rate (loadtest,
 * open-loop: the targets) and in autocannon's per-second bursts (the figures of earlier runs).
 * `npm run bench:api`;
 * BENCH_SECONDS shortens it, BENCH_NO_WRITE=1 leaves bench/RESULTS.md alone.
 */
async function main(): Promise<void> {
  const info = await machineInfo();
  console.log(
    `API benchmark: ${info.cores} cores, ${info.cpuModel}, ${info.postgres}, Node ${info.node}; load at start ${info.loadAtStart}`,
  );
  const name = await createDatabase(`bench_api_${randomBytes(4).toString('hex')}`);
  const pool = new Pool({ connectionString: connectionStringFor(name), max: 2 });
  const measured: Measured[] = [];
  try {
    await runMigrations(pool);
    await seed(pool);
    for (const guards of ['on', 'off'] as const) measured.push(...(await measure(pool, name, guards)));
  } finally {
    await pool.end();
    await dropDatabase(name, NAME_PATTERN);
  }
  const loadAtEnd = loadAverage();
  console.log(resultRows(measured).join('\n'));
  console.log(targetLines(measured).join('\n'));
  if (process.env.BENCH_NO_WRITE !== '1') {
    writeResultsSection(API_HEADING, apiSection(info, loadAtEnd, DURATIONS, measured));
    console.log(`Wrote ${resultsPath()}`);
  }
}

async function seed(pool: Pool): Promise<void> {
  const directories = Array.from(
    { length: 25 },
    (_, i) => `('bench-dir-${i}', 'Bench ${i}', 'https://d${i}.test', 'https://d${i}.test/add', 'd${i}.test', ${90 - i}, true)`,
  );
  await pool.query(
    `INSERT INTO directories (id, name, url, submission_url, domain, domain_authority, active) VALUES ${directories.join(', ')}`,
  );
  await pool.query(
    `INSERT INTO customers (id, business_name, email, city, package_tier, package_size) VALUES ($1, 'Bench Co', 'owner@bench.test', 'Austin', 'growth', 10)`,
    [CUSTOMER],
  );
}

async function measure(pool: Pool, databaseName: string, guards: Guards): Promise<Measured[]> {
  const { app, baseUrl } = await startApi(connectionStringFor(databaseName), guards);
  try {
    const headers = guards === 'on' ? await benchStaffHeaders(pool, baseUrl) : {};
    const url = `${baseUrl}/api/queue/${CUSTOMER}`;
    const post = { url, method: 'POST' as const, headers: { ...headers, 'content-type': 'application/json' }, body: '{}', connections: 5 };
    const get = { url, method: 'GET' as const, headers, connections: 10 };
    await runLoad({ ...post, rate: 50, seconds: 2 }); // warm up: plans, pools, JIT, and jobs for the list to show
    // What autovacuum would do after the previous rows' thousands of jobs, done now rather than during the runs.
    await pool.query('VACUUM ANALYZE');
    await runOpenLoad({ ...get, rate: 500, seconds: 2 });
    const requests = (result: LoadResult): number => result.total;
    const measured: Measured[] = [];
    const run = async (route: string, rate: number, load: Load, offer: () => Promise<LoadResult>): Promise<void> => {
      measured.push({ route, rate, guards, load, ...(await cpuPerRequest(pool, databaseName, offer, requests)) });
    };
    await run(LIST, 500, 'steady', () => runOpenLoad({ ...get, rate: 500, seconds: DURATIONS.list }));
    await run(CREATE, 100, 'steady', () => runOpenLoad({ ...post, rate: 100, seconds: DURATIONS.create }));
    await run(LIST, 500, 'bursts', () => runLoad({ ...get, rate: 500, seconds: DURATIONS.bursts }));
    await run(CREATE, 100, 'bursts', () => runLoad({ ...post, rate: 100, seconds: DURATIONS.bursts }));
    return measured;
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
