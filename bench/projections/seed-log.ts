import type { Pool } from 'pg';
import { runMigrations } from '../../src/database/migration-runner';
import type { EventStore } from '../../src/event-store/event-store.port';
import { JOBS_GENERATED, LOAD_CHUNK, LOG_EVENTS } from './bench-config';
import { expectationsFromSkeleton, type LogExpectations } from './log-expectations';
import { cutSkeletonSql, JOBS_SQL, loadEventsSql, SKELETON_SQL, STREAMS_SQL, submissionsSql } from './seed-sql';

export interface SeedResult {
  readonly expected: LogExpectations;
  readonly seconds: number;
  readonly eventsBytes: string;
  readonly transactions: number;
  readonly sampleStream: string;
}

async function loadEvents(pool: Pool, events: number): Promise<void> {
  await pool.query(loadEventsSql(events, LOAD_CHUNK));
  await pool.query(STREAMS_SQL);
}

/** Dense versions from 1 in every stream, streams.version = its last event, unique ids: or throw. */
async function verifyLog(pool: Pool, events: number): Promise<void> {
  const { rows } = await pool.query<{ events: number; ids: number; bad: number }>(
    `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(DISTINCT event_id)::int FROM events) AS ids,
       (SELECT count(*)::int FROM (SELECT stream_id, count(*) AS n, min(stream_version) AS lo, max(stream_version) AS hi
          FROM events GROUP BY stream_id) e FULL JOIN streams s USING (stream_id)
        WHERE s.version IS NULL OR e.n IS NULL OR e.lo <> 1 OR e.hi <> e.n OR s.version <> e.hi) AS bad`,
  );
  const r = rows[0];
  if (r.events !== events || r.ids !== events || r.bad !== 0) {
    throw new Error(`Loaded log is wrong: ${r.events} events, ${r.ids} distinct ids, ${r.bad} streams not dense`);
  }
}

/** Reads one retried submission back through the store: types in order, metadata complete. */
async function verifySample(pool: Pool, store: EventStore): Promise<string> {
  const { rows } = await pool.query<{ stream_id: string }>(
    "SELECT stream_id FROM events WHERE event_type = 'SubmissionRetryScheduled' ORDER BY position LIMIT 1",
  );
  const streamId = rows[0]?.stream_id;
  if (!streamId) throw new Error('No retried submission in the loaded log');
  const slice = await store.readStream(streamId);
  const types = slice.events.map((e) => e.type).join(' → ');
  const expected =
    'SubmissionScheduled → SubmissionAttemptStarted → SubmissionRetryScheduled → SubmissionAttemptStarted → SubmissionSucceeded';
  const versions = slice.events.map((e) => e.streamVersion).join(',');
  const metadataOk = slice.events.every((e) => {
    const m = e.metadata;
    return (
      /^[0-9a-f-]{36}$/.test(m.eventId) &&
      !!m.correlationId &&
      !!m.causationId &&
      m.actor.kind === 'worker' &&
      !Number.isNaN(Date.parse(m.timestamp))
    );
  });
  if (types !== expected || versions !== '1,2,3,4,5' || slice.version !== 5 || !metadataOk) {
    throw new Error(`Sample stream ${streamId} is wrong: v${slice.version} [${versions}] ${types}`);
  }
  return `${streamId}: ${types}`;
}

/** Migrates the fresh database and fills it with LOG_EVENTS events of job histories. Untimed setup. */
export async function seedLog(pool: Pool, store: EventStore): Promise<SeedResult> {
  const started = Date.now();
  await runMigrations(pool);
  await pool.query(submissionsSql(JOBS_GENERATED));
  await pool.query(JOBS_SQL);
  await pool.query('ALTER TABLE bench_jobs ADD PRIMARY KEY (j)');
  await pool.query(SKELETON_SQL);
  await pool.query(cutSkeletonSql(LOG_EVENTS));
  await pool.query('CREATE INDEX ON bench_skeleton (ord)');
  await loadEvents(pool, LOG_EVENTS);
  await verifyLog(pool, LOG_EVENTS);
  const expected = await expectationsFromSkeleton(pool);
  await pool.query('DROP TABLE bench_skeleton, bench_jobs, bench_subs');
  await pool.query('VACUUM ANALYZE events');
  await pool.query('VACUUM ANALYZE streams');
  const sampleStream = await verifySample(pool, store);
  const { rows } = await pool.query<{ size: string; xids: number }>(
    "SELECT pg_size_pretty(pg_total_relation_size('events')) AS size, count(DISTINCT transaction_id)::int AS xids FROM events",
  );
  return { expected, seconds: (Date.now() - started) / 1000, eventsBytes: rows[0].size, transactions: rows[0].xids, sampleStream };
}
