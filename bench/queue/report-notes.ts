import { LONG_POLL_MS, PGBOSS_EMPTY_SLEEP_MS, PG_PLAN, POOL_SIZE, SQS_PLAN } from './bench-config';

export const INTRO_LINES = [
  "Command: `npm run bench:queue`. Bounded (every phase stops by itself), 127.0.0.1 only. Ours: the `MessageQueue` port's PostgreSQL adapter (`openPostgresQueue`) and SQS adapter (`openSqsQueue`). Peer: `pg-boss` 10.4.2 on the same server.",
  'Each run keeps the run before it below; the newest is first.',
];

export const METHOD_LINES = [
  `A fresh database (\`bench_queue_*\`, migrated with \`runMigrations\`, dropped afterwards) on the machine's PostgreSQL; pg-boss installs its own \`pgboss\` schema in the same database. Ours and pg-boss take turns phase by phase (who goes first alternates), on an empty queue each time: ours \`DELETE\` + \`VACUUM ANALYZE queue_messages\`, pg-boss a fresh queue (\`createQueue\`, its own partition in v10).`,
  `Ours: producer and consumer are two queue instances on two \`pg\` pools of ${POOL_SIZE} (as two processes), \`listen: true\`, so the consumer is woken by NOTIFY/LISTEN; receive asks for tiers P1,P2,P3 in that order, as the workers' consumer does; messages go to P1. pg-boss: one instance, pool of ${POOL_SIZE}, \`supervise: false\`, \`schedule: false\` (no maintenance in timed phases), default queue policy.`,
  `Payload: the same ~300-byte submission-shaped JSON for every queue (ours and SQS: the body string; pg-boss: \`data\`, stored as jsonb).`,
  `Enqueue latency: ${PG_PLAN.warmupSends} untimed warm-up sends, then ${PG_PLAN.singleSends.toLocaleString('en-US')} sequential single-message sends, each timed (ours \`send([m])\`, pg-boss \`send(name, data)\`, SQS \`send([m])\` = one SendMessageBatch).`,
  `Enqueue→claim: one producer sends single messages on a fixed schedule of ${PG_PLAN.ratePerSecond}/s for ${PG_PLAN.rateSeconds} s while one consumer loop claims (≤ 10) and completes; latency = from the start of the send call to the return of the claim that delivered it; the first ${PG_PLAN.rateWarmupMessages} messages are left out. Ours waits with a long-poll receive (\`waitMs\` ${LONG_POLL_MS}); pg-boss has none, so its loop is \`fetch({ batchSize: 10 })\` and a ${PGBOSS_EMPTY_SLEEP_MS} ms sleep when the fetch came back empty (its \`work()\` would sleep its polling interval, ≥ 0.5 s, after every fetch).`,
  `Batch enqueue: ${PG_PLAN.batchCalls} calls of ${PG_PLAN.batchSize.toLocaleString('en-US')} (ours \`send\` of 1,000 = one INSERT … unnest; pg-boss \`insert\` of 1,000); SQS ${SQS_PLAN.batchCalls} calls of ${SQS_PLAN.batchSize.toLocaleString('en-US')} (= 100 SendMessageBatch calls each, sequential). These messages are the backlog then drained.`,
  `Drain: ${PG_PLAN.consumers} concurrent consumer loops in one process, each claim ≤ 10 without waiting (ours \`receive({ maxMessages: 10, waitMs: 0 })\` + \`ack\`; pg-boss \`fetch({ batchSize: 10 })\` + \`complete(ids)\`; SQS \`receive\` + \`ack\`), until the whole backlog is completed; msg/s = completed / wall time. Both PostgreSQL queues start from the same backlog (${(PG_PLAN.batchCalls * PG_PLAN.batchSize).toLocaleString('en-US')}), as pg-boss's fetch cost depends on backlog depth.`,
  'Percentiles are nearest-rank over all samples of the one run. Producer, consumers and the bench run in one Node process; PostgreSQL (and fauxqs) on the same 2 cores.',
];

export const CAVEAT_LINES = [
  "The SQS figures are our adapter plus the fauxqs emulator on this machine, not AWS: real SQS has ~5–20 ms network round trips per call and no local CPU contention. They show the adapter's overhead and its receive strategy, not SQS's throughput.",
  'SQS enqueue→claim with three tiers: with nothing visible, the adapter long-polls the preferred tier in rounds of 1 s and short-polls the others between rounds (see `sqs-receiver.ts`), so a P1 message is claimed as it arrives and a P2/P3 message within about a second. Runs before 2026-11-29T11:49 polled all tiers together and ended a round only when every poll had answered, which made a P1 message wait for the empty P2/P3 polls (p50 ~0.5 s); that is the older run below.',
  "The machine has 2 cores and is shared with other work (other sessions' tests and builds): the load averages are printed with each run; figures from a loaded machine are noisier, mostly in the p99 and max columns.",
  'pg-boss keeps completed jobs (state `completed`) until its maintenance archives them; ours deletes on ack. With maintenance off, both tables only grow within a phase, and each phase starts on an empty queue.',
];

/** Why the figures come out as they do (profiled with EXPLAIN ANALYZE on the same server). */
export const ANALYSIS_LINES = [
  "Drain: pg-boss's fetch (`… WHERE name = $1 AND state < 'active' AND start_after < now() ORDER BY priority desc, created_on, id LIMIT $2 FOR UPDATE SKIP LOCKED`) has no index that yields that order, so every fetch reads and sorts the whole backlog: at 20,000 queued, EXPLAIN ANALYZE shows a Bitmap Heap Scan (or, after ANALYZE, a Seq Scan) of ~19,000 rows and a quicksort, 12–13 ms per fetch of 10. Ours reads 10 rows off `queue_messages_ready_idx (priority, visible_at, seq)` and locks them: the whole receive statement takes 0.7 ms at the same backlog. The gap therefore grows with the backlog (a 2,000 backlog in a smoke run gave 1.7×).",
  "Enqueue→claim: ours is woken by NOTIFY/LISTEN, so its p50 is about one receive statement after the commit; pg-boss can only poll, so its p50 sits near half its 10 ms empty-fetch sleep plus one fetch. Tails (p99/max) follow the machine's load more than either queue.",
  "Single sends: ours with `listen: true` costs an INSERT plus a coalesced `SELECT pg_notify(…)` on another pooled connection; pg-boss's `send` is one INSERT … SELECT against its queue table. Both are well under a millisecond at p50.",
  'SQS, three tiers: since the receive change (preferred tier long-polled, others short-polled between rounds) a P1 message is claimed in ~1 ms at p50, as with P1 alone; the older run below (p50 ~0.5 s, p99 ~1 s) measured the previous all-tiers round.',
];
