import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';

/** Sizes of the scale-out benchmark; each can be overridden from the environment. Kept small: one run ≲ 6 minutes. */
function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export type QueueKind = 'postgres' | 'sqs';

export interface Scenario {
  readonly queue: QueueKind;
  readonly workers: number;
}

const ALL_SCENARIOS: readonly Scenario[] = [
  { queue: 'postgres', workers: 1 },
  { queue: 'postgres', workers: 2 },
  { queue: 'sqs', workers: 1 },
  { queue: 'sqs', workers: 2 },
];

/** PostgreSQL queue then SQS (fauxqs), each with 1 and 2 worker processes; SCALE_SCENARIOS=sqs:2,postgres:1 picks some. */
export const SCENARIOS: readonly Scenario[] = ((): readonly Scenario[] => {
  const picked = (process.env.SCALE_SCENARIOS ?? '').split(',').map((item) => item.trim());
  const chosen = ALL_SCENARIOS.filter((s) => picked.includes(`${s.queue}:${s.workers}`));
  return chosen.length > 0 ? chosen : ALL_SCENARIOS;
})();

/** Simple-form directories in the catalog; every job is a package of all of them. */
export const CATALOG_SIZE = envNumber('SCALE_CATALOG', 14);
/** Timed jobs per worker process: the work grows with the processes, so each has the same share. */
export const JOBS_PER_WORKER = envNumber('SCALE_JOBS_PER_WORKER', 1);
/** WORKER_CONCURRENCY of every worker process (the same in every scenario). */
export const WORKER_CONCURRENCY = envNumber('SCALE_WORKER_CONCURRENCY', 2);
/** Untimed warm-up submissions per worker process (browsers launched, mappings learned). */
export const WARM_PER_WORKER = envNumber('SCALE_WARM_PER_WORKER', 4);
export const LEVEL_TIMEOUT_MS = envNumber('SCALE_LEVEL_TIMEOUT_MS', 240_000);

/**
 * Settings of every process. The multi-origin sandbox's addresses are allowlisted (DEMO is off);
 * politeness is off because every sandbox directory is one machine's loopback, and a per-domain
 * delay would only measure the sleep; the governor is off so concurrency stays what was set.
 */
export const COMMON_SETTINGS: Readonly<Record<string, string>> = {
  DEMO: 'false',
  DIRECTORY_URL_ALLOWLIST: SANDBOX_ALLOWLIST.join(','),
  POLITENESS_DELAY_MS: '0',
  WORKER_AUTOSCALE: 'false',
  DB_POOL_MAX: '10',
  SUBSCRIPTION_POLL_MS: '1000',
  QUEUE_RECEIVE_WAIT_MS: '20000',
  BROWSER_RETIRE_AFTER: '200',
  LOG_LEVEL: 'warn',
};

/** The API process runs everything but the worker role: the dispatcher (the queue's producer) among it. */
export const API_ROLES = 'api,projector,reactor,dispatcher';
export const WORKER_ROLES = 'worker';
