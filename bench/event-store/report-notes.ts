import { READ_LOG_EVENTS, READ_PAGE_SIZE, ROUNDS, WARMUP_LOADS } from './bench-config';
import { PAYLOAD_BYTES } from './bench-events';

const warmup = WARMUP_LOADS.map((l) => `${l.writers * l.callsPerWriter} appends of ${l.eventsPerCall}`).join(' and ');

/** How the figures were taken, for the reader of RESULTS.md. */
export function methodLines(): string[] {
  return [
    'Each store has a child process and a fresh database of its own (`bench_es_ours_*`, `bench_es_emmett_*`, dropped afterwards) on the same PostgreSQL server, and a `pg` pool of 10.',
    `Write scenarios run ${ROUNDS} rounds; in each round the two stores take turns scenario by scenario (who goes first alternates), so both are always at the same size and outside load hits both alike. The table shows the round with the median throughput and that round's latencies.`,
    `Events: type \`BenchEvent\`, ${PAYLOAD_BYTES}-byte JSON payload, built before the clock starts. Ours fills its metadata defaults (event id, correlation, causation, actor, timestamp); Emmett adds a message id.`,
    'Appends: each writer appends round-robin to 10 streams of its own (new streams each round) with the exact expected version, 0 for a stream not yet written: ours `expectedVersion: n`, Emmett `expectedStreamVersion: BigInt(n)`. Latency is per append call (for batches, per 100-event call).',
    `Warm-up, per store, before anything is timed: ${warmup}, 2 writers; and 3 pages read before the read-all.`,
    `Read-all: once, after the rounds, over the whole log (topped up untimed to at least ${READ_LOG_EVENTS} events), from the start in pages of ${READ_PAGE_SIZE}; its latency columns are per page. Ours: \`readAll({ after, maxCount })\`. Emmett: \`readMessagesBatch(execute, { after, batchSize })\`, the read its consumers poll with, called directly (the consumer loop sleeps between batches and stores checkpoints). Every event read is checked against what was written: count and distinct (stream, version) pairs.`,
  ];
}

/** Found while wiring Emmett 0.42.0 in; each was reproduced on this machine. */
export function emmettNoteLines(): string[] {
  return [
    'Its read-all (`readMessagesBatch`) orders by `(transaction_id, global_position)` but pages by `global_position >= after + 1`, so after concurrent writers a paged read skips and repeats events (see the read-all check above). It has no index on that order either: every page scans and sorts the whole table, so it slows as the log grows.',
    '`expectedStreamVersion: STREAM_DOES_NOT_EXIST` is not enforced (a second such append to the same stream succeeds); `0n` is used for new streams instead. `createdNewStream` comes back `true` on every append.',
    'Creating its `dumbo` pool calls `pg.types.setTypeParser` globally (`int8` to `BigInt`, `json`/`jsonb` through its own parser), which changes what every other `pg` pool in the process returns; hence one process per store here.',
    'No ESM-only problem: the package ships a CommonJS build (`dist/index.cjs`), so the CommonJS bench imports it statically; `readMessagesBatch` needs a `dumbo` executor, so the bench builds the `dumbo` pool itself (over its own `pg.Pool`) and hands it to `getPostgreSQLEventStore` as `connectionOptions.dumbo`.',
  ];
}
