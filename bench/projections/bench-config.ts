/** Sizes for the projections benchmark; BENCH_SCALE shrinks the log for a smoke run (e.g. 0.05). */
const SCALE = Number(process.env.BENCH_SCALE ?? '1');

function scaled(count: number): number {
  return Math.max(1, Math.round(count * SCALE));
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Events loaded into the log before anything is timed. */
export const LOG_EVENTS = scaled(1_000_000);
/** Each job averages ~164 events (50 directories); jobs are generated past the cut, which then ends mid-flight. */
export const JOBS_GENERATED = Math.ceil((LOG_EVENTS / 164) * 1.1) + 20;
/** Bulk-load transaction size: the log gets one transaction id per chunk. */
export const LOAD_CHUNK = 1_000;

/** The app's defaults (src/config/app-config.ts and DEFAULT_RUNNER_OPTIONS). */
export const POOL_SIZE = 10;
export const SUBSCRIPTION_POLL_MS = 1_000;

export const REBUILD_TARGET_EVENTS_PER_SECOND = 20_000;
/** Rebuilds of the same log, one after the other; the median round is reported. */
export const REBUILD_ROUNDS = envNumber('BENCH_REBUILD_ROUNDS', 3);
/** A rebuild that has not finished by then is reported as failed. */
export const REBUILD_TIMEOUT_MS = 300_000;
export const RSS_SAMPLE_MS = 100;

/** Steady append load while the host is live. */
export const APPEND_RATE = envNumber('BENCH_APPEND_RATE', 2_000);
export const APPEND_SECONDS = envNumber('BENCH_APPEND_SECONDS', 45);
export const APPEND_WRITERS = 6;
export const LAG_SAMPLE_MS = 250;

/** The per-event baseline runs on the first SLICE_EVENTS of the log, against the batched runtime on the same slice. */
export const SLICE_EVENTS = Math.min(LOG_EVENTS, envNumber('BENCH_SLICE', scaled(100_000)));

/** BENCH_KEEP_DB=1 leaves the database in place (for profiling); it is dropped otherwise. */
export const KEEP_DATABASE = process.env.BENCH_KEEP_DB === '1';
