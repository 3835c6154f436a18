/** Sizes chosen to keep the whole run (both stores, all rounds) under five minutes on 2 cores. */
export const POOL_SIZE = 10;
export const STREAMS_PER_WRITER = 10;
export const READ_PAGE_SIZE = 1_000;

/** BENCH_SCALE shrinks or grows every load, e.g. 0.05 for a smoke run. */
const SCALE = Number(process.env.BENCH_SCALE ?? '1');

/** Write scenarios run this many rounds, the two stores taking turns; the median round counts. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? '3'));

function scaled(count: number): number {
  return Math.max(1, Math.round(count * SCALE));
}

export interface WriteLoad {
  /** Also the stream-name prefix: every load (and round) writes to streams of its own. */
  readonly name: string;
  readonly writers: number;
  readonly callsPerWriter: number;
  readonly eventsPerCall: number;
}

export const WARMUP_LOADS: readonly WriteLoad[] = [
  { name: 'warmup-single', writers: 2, callsPerWriter: scaled(150), eventsPerCall: 1 },
  { name: 'warmup-batch', writers: 2, callsPerWriter: scaled(10), eventsPerCall: 100 },
];

export const SINGLE_1W: WriteLoad = {
  name: 'single-1w',
  writers: 1,
  callsPerWriter: scaled(2_000),
  eventsPerCall: 1,
};
export const BATCH_1W: WriteLoad = {
  name: 'batch-1w',
  writers: 1,
  callsPerWriter: scaled(200),
  eventsPerCall: 100,
};
export const BATCH_8W: WriteLoad = {
  name: 'batch-8w',
  writers: 8,
  callsPerWriter: scaled(25),
  eventsPerCall: 100,
};
export const SINGLE_8W: WriteLoad = {
  name: 'single-8w',
  writers: 8,
  callsPerWriter: scaled(250),
  eventsPerCall: 1,
};

/** Read-all needs at least this many events; the log is topped up (untimed) when short. */
export const READ_LOG_EVENTS = scaled(120_000);
export const FILL_WRITERS = 8;
export const FILL_BATCH = 100;
