/**
 * Parameters of `npm run bench:queue`. BENCH_SCALE (default 1) scales every count and duration
 * for a smoke run (e.g. 0.1); the rate, batch sizes and consumer count stay as they are.
 */
const SCALE = Number(process.env.BENCH_SCALE ?? '1');

const scaled = (n: number, min = 1): number => Math.max(min, Math.round(n * (SCALE > 0 ? SCALE : 1)));

export interface LoadPlan {
  /** Sequential single-message sends, timed one by one, after an untimed warm-up. */
  readonly singleSends: number;
  readonly warmupSends: number;
  /** Offered rate and duration of the enqueue→claim run (one producer, one consumer loop). */
  readonly ratePerSecond: number;
  readonly rateSeconds: number;
  /** Claims of the first messages are left out: the consumer's connections are still warming. */
  readonly rateWarmupMessages: number;
  /** Batch enqueue: this many calls of `batchSize` messages; they become the backlog drained. */
  readonly batchCalls: number;
  readonly batchSize: number;
  /** Consumers draining the backlog, each claiming up to 10 per call. */
  readonly consumers: number;
}

export const PG_PLAN: LoadPlan = {
  singleSends: scaled(2000, 50),
  warmupSends: scaled(200, 10),
  ratePerSecond: 200,
  rateSeconds: scaled(10, 2),
  rateWarmupMessages: scaled(100, 10),
  batchCalls: scaled(20, 2),
  batchSize: 1000,
  consumers: 4,
};

/** The emulator is slower than PostgreSQL: a smaller backlog keeps the run bounded. */
export const SQS_PLAN: LoadPlan = { ...PG_PLAN, batchCalls: scaled(5, 1) };

export const CLAIM_MAX = 10;
/** Ours and SQS: long poll of this length per receive call while waiting. */
export const LONG_POLL_MS = 1000;
/** pg-boss has no long poll: its consumer fetches, and sleeps this long when the fetch is empty. */
export const PGBOSS_EMPTY_SLEEP_MS = 10;
export const POOL_SIZE = 10;
/** Any phase taking longer than this is cut short and reported as such: the bench always ends. */
export const PHASE_TIMEOUT_MS = 180_000;

export const ENQUEUE_P99_TARGET_MS = 20;
