import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';

/** Sizes and settings of the submissions benchmark; every one can be overridden from the environment. */
function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function envList(name: string, fallback: readonly number[]): readonly number[] {
  const raw = process.env[name];
  if (!raw) return fallback;
  const values = raw
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return values.length > 0 ? values : fallback;
}

/** WORKER_CONCURRENCY levels tried, for ours and the baseline alike. */
export const CONCURRENCY_LEVELS = envList('BENCH_CONCURRENCY', [2]);
/** Simple-form directories in the catalog; every job is a package of all of them. */
export const CATALOG_SIZE = envNumber('BENCH_CATALOG', 40);
/** Jobs per level of ours: submissions = JOBS × CATALOG_SIZE. */
export const JOBS_PER_LEVEL = envNumber('BENCH_JOBS', 1);
/** Submissions per level of the baseline (a browser launch each: slow, so fewer). */
export const BASELINE_SUBMISSIONS = envNumber('BENCH_BASELINE_SUBMISSIONS', 16);
/** Sequential submissions of the warm micro-run (per variant) against one simple site. */
export const WARM_SUBMISSIONS = envNumber('BENCH_WARM_SUBMISSIONS', 12);
/** A level of ours that has not completed by then is reported as timed out. */
export const LEVEL_TIMEOUT_MS = envNumber('BENCH_LEVEL_TIMEOUT_MS', 600_000);
export const BASELINE_TIMEOUT_MS = envNumber('BENCH_BASELINE_TIMEOUT_MS', 600_000);
export const POLL_MS = 100;

/** Templates whose behaviour is 'plain': one page, no captcha, login, slowness, flakiness or duplicate. */
export const SIMPLE_BEHAVIOUR = 'plain';
export const WARM_SITE = 'plain-labels';

export const TARGET_PER_HOUR = 20_000;
/** CPU seconds per simple-form submission (app + PostgreSQL), issue 14. */
export const TARGET_CPU_PER_SUBMISSION = 0.36;
/** Times cheaper in CPU than the browser-per-submission baseline. */
export const TARGET_VS_BASELINE = 3;

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * App settings for every level besides WORKER_CONCURRENCY. POLITENESS_DELAY_MS=0: every sandbox
 * instance is its own logical domain, but all are one host, and a per-domain delay would only
 * measure the sleep. The rest are the app's defaults, stated so the report can print them.
 */
export const APP_SETTINGS: Readonly<Record<string, string>> = {
  POLITENESS_DELAY_MS: '0',
  // Each level is a fixed concurrency: the governor would otherwise move it.
  WORKER_AUTOSCALE: 'false',
  DB_POOL_MAX: '10',
  SUBSCRIPTION_POLL_MS: '1000',
  QUEUE_RECEIVE_WAIT_MS: '20000',
  BROWSER_RETIRE_AFTER: '200',
  DEMO: 'false',
  // The sandbox's sites are on loopback, which the directory URL fence refuses unless allowed (without it every submission is refused).
  DIRECTORY_URL_ALLOWLIST: ['127.0.0.1', ...SANDBOX_ALLOWLIST].join(','),
};

export const KEEP_DATABASE = process.env.BENCH_KEEP_DB === '1';
