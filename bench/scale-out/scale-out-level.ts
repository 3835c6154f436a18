import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedCatalog, seedCustomers, simpleDirectories } from '../submissions/bench-catalog';
import { createBenchDatabase, dropBenchDatabase, type BenchDatabase } from '../submissions/bench-database';
import { benchStaffHeaders } from '../submissions/bench-session';
import { startAppChild, type Child } from '../submissions/child-processes';
import { backendSecondsBetween, backendTicks, machineBusySeconds } from '../submissions/proc-cpu';
import { startFauxqsChild } from './fauxqs-child';
import { attemptsByWorkerPid, otherOutcomes, postJob, succeededOf, untilComplete } from './scale-out-jobs';
import {
  API_ROLES,
  CATALOG_SIZE,
  COMMON_SETTINGS,
  JOBS_PER_WORKER,
  LEVEL_TIMEOUT_MS,
  WARM_PER_WORKER,
  WORKER_CONCURRENCY,
  WORKER_ROLES,
  type Scenario,
} from './scale-out-config';

export interface WorkerFigures {
  readonly pid: number;
  /** Submission attempts this process started in the timed window. */
  readonly attempts: number;
  readonly cpuSeconds: number;
}

export interface ScenarioResult {
  readonly scenario: Scenario;
  readonly submissions: number;
  readonly succeeded: number;
  readonly wallSeconds: number;
  readonly workers: readonly WorkerFigures[];
  readonly apiCpuSeconds: number;
  readonly postgresSeconds: number;
  readonly sandboxSeconds: number;
  readonly queueCpuSeconds: number;
  readonly machineSeconds: number;
  /** A few outcomes other than success, if any. */
  readonly otherOutcomes: readonly string[];
}

interface Processes {
  api: { child: Child; baseUrl: string } | null;
  workers: { child: Child; baseUrl: string }[];
  queue: { child: Child; endpoint: string } | null;
}

async function queueSettings(scenario: Scenario, processes: Processes, tag: string): Promise<Record<string, string>> {
  if (scenario.queue === 'postgres') return { QUEUE: 'postgres' };
  processes.queue = await startFauxqsChild();
  return {
    QUEUE: 'sqs',
    SQS_ENDPOINT: processes.queue.endpoint,
    SQS_ACCESS_KEY_ID: 'bench',
    SQS_SECRET_ACCESS_KEY: 'bench',
    SQS_QUEUE_PREFIX: `scale-${tag}`,
  };
}

/**
 * One scenario on a fresh database: an API process (every role but worker) and N worker
 * processes sharing the queue, an untimed warm-up job, then JOBS_PER_WORKER × N jobs POSTed at
 * once, timed until all are complete in the log and the read model.
 */
export async function runScenario(scenario: Scenario, sandboxUrl: string, sandbox: Child): Promise<ScenarioResult> {
  const db = await createBenchDatabase();
  const scratch = join(tmpdir(), db.name);
  const processes: Processes = { api: null, workers: [], queue: null };
  try {
    const env = {
      ...COMMON_SETTINGS,
      ...(await queueSettings(scenario, processes, db.name.replace(/_/g, '-'))),
      DATABASE_URL: db.url,
      DATA_DIR: `${scratch}/data`,
      EVIDENCE_DIR: `${scratch}/evidence`,
      WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    };
    await seedCatalog(db.pool, simpleDirectories(sandboxUrl, CATALOG_SIZE));
    // The sandbox outlives the scenarios and says "already listed" to a business it has seen: a tag per scenario.
    const tag = `${scenario.queue}-${scenario.workers}`;
    const [warm] = await seedCustomers(db.pool, `warm-${tag}`, 1, WARM_PER_WORKER * scenario.workers);
    const customers = await seedCustomers(db.pool, `scale-${tag}`, JOBS_PER_WORKER * scenario.workers, CATALOG_SIZE);
    processes.api = await startAppChild({ ...env, ROLES: API_ROLES });
    for (let i = 0; i < scenario.workers; i += 1) processes.workers.push(await startAppChild({ ...env, ROLES: WORKER_ROLES }));
    const staff = await benchStaffHeaders(db.pool, processes.api.baseUrl);
    await untilComplete(db.pool, [await postJob(processes.api.baseUrl, warm, staff)], LEVEL_TIMEOUT_MS);
    return await timedRun(scenario, db, processes, customers, staff, sandbox);
  } catch (error) {
    for (const child of [processes.api, ...processes.workers]) if (child) console.error(child.child.output().slice(-2000));
    throw error;
  } finally {
    const running = [processes.api, ...processes.workers].flatMap((p) => (p ? [p.child.stop()] : []));
    await Promise.all(running);
    await processes.queue?.child.stop();
    await dropBenchDatabase(db);
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function timedRun(
  scenario: Scenario,
  db: BenchDatabase,
  processes: Processes,
  customers: readonly string[],
  staff: Record<string, string>,
  sandbox: Child,
): Promise<ScenarioResult> {
  const api = processes.api as { child: Child; baseUrl: string };
  const cpu = (child: Child | undefined): number => child?.cpuSeconds() ?? 0;
  const before = {
    api: cpu(api.child),
    workers: processes.workers.map((w) => cpu(w.child)),
    queue: cpu(processes.queue?.child),
    sandbox: cpu(sandbox),
    backends: backendTicks(db.name),
    machine: machineBusySeconds(),
  };
  const started = performance.now();
  const jobIds = await Promise.all(customers.map((customer) => postJob(api.baseUrl, customer, staff)));
  await untilComplete(db.pool, jobIds, LEVEL_TIMEOUT_MS);
  const wallSeconds = (performance.now() - started) / 1000;
  const attempts = await attemptsByWorkerPid(db.pool, jobIds);
  return {
    scenario,
    submissions: jobIds.length * CATALOG_SIZE,
    succeeded: await succeededOf(db.pool, jobIds),
    wallSeconds,
    workers: processes.workers.map((w, i) => ({
      pid: w.child.pid,
      attempts: attempts.get(w.child.pid) ?? 0,
      cpuSeconds: cpu(w.child) - before.workers[i],
    })),
    apiCpuSeconds: cpu(api.child) - before.api,
    postgresSeconds: backendSecondsBetween(before.backends, backendTicks(db.name)),
    sandboxSeconds: cpu(sandbox) - before.sandbox,
    queueCpuSeconds: cpu(processes.queue?.child) - before.queue,
    machineSeconds: machineBusySeconds() - before.machine,
    otherOutcomes: await otherOutcomes(db.pool, jobIds),
  };
}
