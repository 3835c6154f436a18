import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { APP_SETTINGS, CATALOG_SIZE, JOBS_PER_LEVEL, LEVEL_TIMEOUT_MS, POLL_MS } from './bench-config';
import { benchStaffHeaders } from './bench-session';
import { seedCatalog, seedCustomers, simpleDirectories } from './bench-catalog';
import { createBenchDatabase, dropBenchDatabase } from './bench-database';
import { startAppChild, waitFor, type Child } from './child-processes';
import { startCpuWindow, type CpuSplit } from './cpu-window';
import { attemptLatencies, completion, eventCount, outcomes, type LevelOutcomes } from './event-figures';

export interface OursLevel {
  readonly concurrency: number;
  readonly submissions: number;
  readonly jobs: number;
  readonly seconds: number;
  readonly cpu: CpuSplit;
  readonly latenciesMs: readonly number[];
  readonly outcomes: LevelOutcomes;
  readonly eventsPerSubmission: number;
  readonly settings: Readonly<Record<string, string>>;
}

const WARMUP_SUBMISSIONS = 10;

async function postJob(baseUrl: string, customerId: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/queue/${customerId}`, { method: 'POST', headers });
  if (response.status !== 201) throw new Error(`POST /api/queue/${customerId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { jobId: string }).jobId;
}

async function untilComplete(pool: Pool, jobIds: readonly string[], timeoutMs: number): Promise<void> {
  await waitFor(
    `${jobIds.length} job(s) complete in the log and the jobs read model`,
    async () => {
      const done = await completion(pool, jobIds);
      return done.inLog === jobIds.length && done.inReadModel === jobIds.length ? true : null;
    },
    timeoutMs,
    POLL_MS,
  );
}

/**
 * One level: a fresh database, the built app with WORKER_CONCURRENCY = `concurrency`, an untimed
 * warm-up job (browser launched, pools and plans warm, mappings learned for its sites), then
 * JOBS_PER_LEVEL jobs POSTed at once; timed from the first POST until all are complete both in
 * the log and in the jobs read model.
 */
export async function runOursLevel(
  concurrency: number,
  sandboxUrl: string,
  sandbox: Child,
  variant: Readonly<Record<string, string>>,
): Promise<OursLevel> {
  const db = await createBenchDatabase();
  const scratch = join(tmpdir(), db.name);
  const settings = { ...APP_SETTINGS, ...variant, WORKER_CONCURRENCY: String(concurrency) };
  let app: Awaited<ReturnType<typeof startAppChild>> | null = null;
  try {
    await seedCatalog(db.pool, simpleDirectories(sandboxUrl, CATALOG_SIZE));
    // Listings unique to this level: the sandbox is shared by every pipeline and answers a listing it already has as
    // "already listed", which would turn a later pipeline's submissions into skips.
    const tag = db.name.slice(-6);
    const [warm] = await seedCustomers(db.pool, `warm-c${concurrency}-${tag}`, 1, WARMUP_SUBMISSIONS);
    const customers = await seedCustomers(db.pool, `bench-c${concurrency}-${tag}`, JOBS_PER_LEVEL, CATALOG_SIZE);
    app = await startAppChild({
      ...settings,
      DATABASE_URL: db.url,
      DATA_DIR: `${scratch}/data`,
      EVIDENCE_DIR: `${scratch}/evidence`,
    });
    const appUrl = app.baseUrl;
    const staff = await benchStaffHeaders(db.pool, appUrl);
    await untilComplete(db.pool, [await postJob(appUrl, warm, staff)], LEVEL_TIMEOUT_MS);
    const eventsBefore = await eventCount(db.pool);
    const window = startCpuWindow(app.child, sandbox, db.name);
    const jobIds = await Promise.all(customers.map((c) => postJob(appUrl, c, staff)));
    await untilComplete(db.pool, jobIds, LEVEL_TIMEOUT_MS);
    const cpu = window.end();
    const result = await outcomes(db.pool, jobIds);
    return {
      concurrency,
      submissions: jobIds.length * CATALOG_SIZE,
      jobs: jobIds.length,
      seconds: cpu.wallSeconds,
      cpu,
      latenciesMs: await attemptLatencies(db.pool, jobIds),
      outcomes: result,
      eventsPerSubmission: ((await eventCount(db.pool)) - eventsBefore) / (jobIds.length * CATALOG_SIZE),
      settings,
    };
  } catch (error) {
    if (app) console.error(app.child.output().slice(-3000));
    throw error;
  } finally {
    await app?.child.stop();
    await dropBenchDatabase(db);
    rmSync(scratch, { recursive: true, force: true });
  }
}
