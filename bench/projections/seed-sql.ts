/**
 * SQL that writes realistic job histories straight into `events` and `streams`: appending a
 * million events through append_to_stream would take longer than the whole benchmark.
 *
 * The shapes follow src/jobs/job.events.ts, src/submissions/submission.events.ts and
 * test/support/job-scenarios.ts. Job j starts 10 s after job j-1 and has 40..60 directories;
 * each directory is scheduled, attempted (one attempt every 3 s per job, 20 s each) and ends
 * succeeded (76 %), retried then succeeded (10 %: retry scheduled, 31 s delay, attempt 2),
 * failed (6 %), needs manual (5 %) or skipped (3 %); JobCompleted follows the last one. About
 * 25 jobs run at once, so the log interleaves them as a live system would. Events are ordered
 * by their timestamp and the log is cut at the wanted count: the last jobs are mid-flight.
 */
function int(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a count: ${value}`);
  return value;
}

export function submissionsSql(jobs: number): string {
  return `CREATE UNLOGGED TABLE bench_subs AS
  SELECT j, d, 1000 + d * 3000 AS a1, 'dir-' || lpad(((j * 37 + d) % 500 + 1)::text, 3, '0') AS directory_id,
    CASE WHEN h < 760 THEN 'succeeded' WHEN h < 860 THEN 'retried' WHEN h < 920 THEN 'failed'
         WHEN h < 970 THEN 'needs_manual' ELSE 'skipped' END AS outcome
  FROM generate_series(1, ${int(jobs)}) j
  CROSS JOIN LATERAL generate_series(0, 39 + (j * 13) % 21) d
  CROSS JOIN LATERAL (SELECT ((j::bigint * 2654435761 + d * 40503) % 1000)::int AS h) x`;
}

export const JOBS_SQL = `CREATE UNLOGGED TABLE bench_jobs AS
  SELECT s.j, md5('job-' || s.j)::uuid::text AS job_id, md5('corr-' || s.j)::uuid::text AS correlation_id,
    (ARRAY['starter', 'growth', 'pro', 'enterprise'])[1 + s.j % 4] AS tier,
    (ARRAY['P3', 'P2', 'P1', 'P1'])[1 + s.j % 4] AS priority,
    'cust-' || (s.j % 1500) AS customer_id,
    timestamptz '2026-01-05 08:00:00+00' + s.j * interval '10 seconds' AS t0,
    jsonb_agg(s.directory_id ORDER BY s.d) AS directory_ids,
    count(*) FILTER (WHERE outcome IN ('succeeded', 'retried'))::int AS succeeded,
    count(*) FILTER (WHERE outcome = 'failed')::int AS failed,
    count(*) FILTER (WHERE outcome = 'needs_manual')::int AS needs_manual,
    count(*) FILTER (WHERE outcome = 'skipped')::int AS skipped,
    max(a1 + CASE WHEN outcome = 'retried' THEN 71000 ELSE 20000 END) + 500 AS done_ms
  FROM bench_subs s GROUP BY s.j`;

/** Every event as a small row (no payload yet), numbered in log order. */
export const SKELETON_SQL = `CREATE UNLOGGED TABLE bench_skeleton AS
  SELECT row_number() OVER (ORDER BY at, stream_id, version) AS ord, * FROM (
    SELECT j.j, NULL::int AS d, NULL::text AS directory_id, 'job-' || j.job_id AS stream_id, v.version, v.type,
           NULL::int AS attempt, j.t0 + v.offset_ms * interval '1 millisecond' AS at
    FROM bench_jobs j CROSS JOIN LATERAL (VALUES (1, 'JobCreated', 0), (2, 'JobQueued', 1), (3, 'JobStarted', 2),
      (4, 'JobCompleted', j.done_ms)) v(version, type, offset_ms)
    UNION ALL
    SELECT s.j, s.d, s.directory_id, 'submission-' || j.job_id || '-' || s.directory_id, v.version, v.type, v.attempt,
           j.t0 + v.offset_ms * interval '1 millisecond'
    FROM bench_subs s JOIN bench_jobs j USING (j) CROSS JOIN LATERAL (
      SELECT * FROM (VALUES
        (1, 'SubmissionScheduled', NULL, 100 + s.d * 10),
        (2, 'SubmissionAttemptStarted', 1, s.a1),
        (3, CASE s.outcome WHEN 'retried' THEN 'SubmissionRetryScheduled' WHEN 'succeeded' THEN 'SubmissionSucceeded'
               WHEN 'failed' THEN 'SubmissionFailed' WHEN 'needs_manual' THEN 'SubmissionNeedsManual'
               ELSE 'SubmissionSkipped' END,
            CASE WHEN s.outcome = 'retried' THEN 2 WHEN s.outcome = 'skipped' THEN NULL ELSE 1 END, s.a1 + 20000),
        (4, 'SubmissionAttemptStarted', 2, s.a1 + 51000),
        (5, 'SubmissionSucceeded', 2, s.a1 + 71000)) t(version, type, attempt, offset_ms)
      WHERE t.version <= 3 OR s.outcome = 'retried') v
  ) all_events`;

export function cutSkeletonSql(events: number): string {
  return `DELETE FROM bench_skeleton WHERE ord > ${int(events)}`;
}

const SUBMISSION_DATA = `jsonb_build_object('jobId', j.job_id, 'directoryId', k.directory_id) || CASE k.type
    WHEN 'SubmissionScheduled' THEN jsonb_build_object('priority', j.priority,
      'idempotencyKey', encode(sha256(convert_to(k.stream_id, 'UTF8')), 'hex'))
    WHEN 'SubmissionAttemptStarted' THEN jsonb_build_object('workerId', 'worker-' || ((k.j + k.d) % 24), 'attempt', k.attempt)
    WHEN 'SubmissionRetryScheduled' THEN jsonb_build_object('attempt', 2, 'delayMs', 31000, 'errorClass', 'transient',
      'message', 'HTTP 503 from directory')
    WHEN 'SubmissionSucceeded' THEN jsonb_build_object('attempt', k.attempt,
      'listingUrl', 'https://listings.example/' || j.job_id || '/' || k.directory_id,
      'evidencePath', '/evidence/' || j.job_id || '/' || k.directory_id || '.png')
    WHEN 'SubmissionFailed' THEN jsonb_build_object('attempt', k.attempt, 'errorClass', 'permanent',
      'message', 'form rejected: category not allowed', 'evidencePath', NULL)
    WHEN 'SubmissionNeedsManual' THEN jsonb_build_object('attempt', k.attempt, 'reason', 'captcha',
      'evidencePath', '/evidence/' || j.job_id || '/' || k.directory_id || '.png')
    ELSE jsonb_build_object('reason', 'duplicate') END`;

const JOB_DATA = `CASE k.type
    WHEN 'JobCreated' THEN jsonb_build_object('jobId', j.job_id, 'customerId', j.customer_id, 'packageTier', j.tier,
      'priority', j.priority, 'directoryIds', j.directory_ids, 'business', jsonb_build_object(
        'businessName', 'Bolt Street Bakery ' || k.j, 'email', 'owner' || k.j || '@boltstreet.example',
        'phone', '+1 415 555 0199', 'website', 'https://boltstreet' || k.j || '.example',
        'address', '1200 Market Street, Suite 410', 'city', 'San Francisco', 'state', 'CA', 'zip', '94102',
        'country', 'US', 'category', 'Bakery',
        'description', 'Family-run bakery and cafe: sourdough, pastries, seasonal lunches.'))
    WHEN 'JobQueued' THEN jsonb_build_object('jobId', j.job_id, 'priority', j.priority, 'directoryIds', j.directory_ids)
    WHEN 'JobStarted' THEN jsonb_build_object('jobId', j.job_id, 'workerId', 'worker-' || (k.j % 24))
    ELSE jsonb_build_object('jobId', j.job_id, 'counts', jsonb_build_object('succeeded', j.succeeded,
      'failed', j.failed, 'needsManual', j.needs_manual, 'skipped', j.skipped)) END`;

/** The store's metadata shape; event ids are derived from (stream, version), hence unique. */
const METADATA = `jsonb_build_object('eventId', md5(k.stream_id || ':' || k.version)::uuid,
    'correlationId', j.correlation_id, 'causationId', j.correlation_id,
    'actor', CASE WHEN k.d IS NOT NULL THEN jsonb_build_object('kind', 'worker', 'id', 'worker-' || ((k.j + k.d) % 24))
                  WHEN k.type = 'JobCompleted' THEN jsonb_build_object('kind', 'system', 'id', 'system')
                  ELSE jsonb_build_object('kind', 'staff', 'id', 'staff-' || (k.j % 12)) END,
    'timestamp', to_char(k.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;

/**
 * The log in order, CHUNK events per transaction (COMMIT inside DO): position and transaction_id
 * are defaulted, so the log gets one transaction id per chunk. Few, huge transactions would
 * skew the planner's estimates of (transaction_id, position) ranges against a real log.
 */
export function loadEventsSql(events: number, chunk: number): string {
  return `DO $load$
DECLARE lo bigint := 1;
BEGIN
  WHILE lo <= ${int(events)} LOOP
    INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at)
    SELECT k.stream_id, k.version, md5(k.stream_id || ':' || k.version)::uuid, k.type,
      CASE WHEN k.d IS NULL THEN ${JOB_DATA} ELSE ${SUBMISSION_DATA} END, ${METADATA}, k.at
    FROM bench_skeleton k JOIN bench_jobs j USING (j)
    WHERE k.ord BETWEEN lo AND lo + ${int(chunk) - 1} ORDER BY k.ord;
    COMMIT;
    lo := lo + ${int(chunk)};
  END LOOP;
END $load$`;
}

export const STREAMS_SQL = `INSERT INTO streams (stream_id, version, created_at, updated_at)
  SELECT stream_id, max(stream_version), min(recorded_at), max(recorded_at) FROM events GROUP BY stream_id`;
