import {
  APPEND_RATE,
  APPEND_SECONDS,
  APPEND_WRITERS,
  LAG_SAMPLE_MS,
  LOAD_CHUNK,
  POOL_SIZE,
  REBUILD_ROUNDS,
  SLICE_EVENTS,
} from './bench-config';

/** How the figures were taken, for the reader of RESULTS.md. */
export function methodLines(logEvents: number): string[] {
  const n = (x: number): string => x.toLocaleString('en-US');
  return [
    `A fresh database (\`bench_proj_*\`, dropped afterwards) on the machine PostgreSQL, migrated with \`runMigrations\`. The log is written with bulk SQL straight into \`events\` and \`streams\` (\`INSERT … SELECT\` from \`generate_series\` and \`jsonb_build_object\`, ${n(LOAD_CHUNK)} events per transaction, position and transaction id defaulted), then checked (count, unique ids, dense stream versions from 1, \`streams.version\`, one retried submission read back through \`readStream\`) and \`VACUUM ANALYZE\`d.`,
    `Job histories as in \`test/support/job-scenarios.ts\`: JobCreated/Queued/Started, per directory (40–60 per job, 50 on average) SubmissionScheduled → AttemptStarted → (RetryScheduled → AttemptStarted) → Succeeded/Failed/NeedsManual/Skipped (76/10 retried/6/5/3 %), JobCompleted with the counts; metadata {eventId, correlationId, causationId, actor, timestamp}. Jobs start 10 s apart and run about four minutes, so ~25 interleave in the log as on a live system; the log is cut at ${n(logEvents)} events, leaving the last jobs mid-flight.`,
    `Rebuild: one \`ProjectionHost\` (default runner options: live pages of 1,000, rebuild pages of 5,000; pool of ${POOL_SIZE}) with jobs, job_results and queue_history; \`install()\`, the empty live generation marked as standing at the end of the log (a running system asked to rebuild), \`start()\`, then \`host.rebuild(name)\` for all three at once, ${REBUILD_ROUNDS} rounds one after the other (each builds a new generation from the start of the log; the median round is reported). Timed until every projection's live generation has advanced and its rebuild is cleared (polled every 50 ms); a projection's own time is its \`last_rebuild_at\`. Each rebuild reads the whole log with its type filter (\`readAll({ eventTypes })\`), so the three together read it three times.`,
    `Lag: with the host live, a child process appends whole job histories with \`appendToStream\` (${APPEND_WRITERS} writers on a pool of their own, one append per stream: the job's first three events, each submission's history, then JobCompleted), paced to ${n(APPEND_RATE)} events/s for ${APPEND_SECONDS} s. Every ${LAG_SAMPLE_MS} ms the bench calls \`host.status()\`: lag events = events in the log past a projection's checkpoint, lag ms = age of the oldest of them (\`store.lagAfter\`). Wake-ups come by LISTEN/NOTIFY across the two processes, with the default 1 s poll as fallback.`,
    `Slice comparison: the runner's rebuild loop replayed on the first ${n(SLICE_EVENTS)} events into tables of a spare generation, the three projections at once: the same filtered 5,000-event pages and the same \`applyBatch\` (apply + fenced checkpoint update in one transaction), once with a page per transaction (the runtime) and once with one event per transaction (one row upsert, or one history insert, and one checkpoint update per event). Both sides read alike; only the unit of apply differs. The resulting tables are compared row for row.`,
    'Throughput figures count log events (all event types) over wall time; "events applied" counts only the types a projection handles. Figures are from one run; other work on the machine shows in the load averages.',
  ];
}
