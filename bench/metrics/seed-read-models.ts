import type { Pool } from 'pg';
import { JOB_DURATION_BUCKETS, UNFINISHED_BUCKET } from '../../projections/jobs/job-stats';

/** What the benchmark puts in the read models: the issue's 10,000 jobs and 500,000 submissions. */
export interface SeedSize {
  readonly jobs: number;
  readonly directoriesPerJob: number;
  readonly queued: number;
  readonly workers: number;
}

export const ISSUE_SIZE: SeedSize = { jobs: 10_000, directoriesPerJob: 50, queued: 2_000, workers: 8 };

function count(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a count: ${value}`);
  return value;
}

/**
 * Jobs over the last ~21 days, one every 3 minutes (newest first): 85 % complete, 5 % failed,
 * 3 % cancelled, the newest 7 % still queued or running. Their submissions end succeeded (80 %),
 * failed, needs manual or skipped; a running job's are scheduled. The newest finished ones fall
 * inside the scaling signal's five-minute throughput window, as on a busy fleet.
 */
const JOBS_SQL = (jobs: number, perJob: number): string => `
  INSERT INTO jobs (id, customer_id, package_tier, priority, priority_level, status, business_name, directory_count,
                    succeeded, failed, needs_manual, skipped, created_at, queued_at, started_at, finished_at, updated_at, version)
  SELECT md5('job-' || j)::uuid::text, 'bench-cust-' || (j % 500), (ARRAY['starter', 'growth', 'pro', 'enterprise'])[1 + j % 4],
         'P' || (1 + j % 3), 1 + j % 3, s.status, 'Bench business ' || j, ${perJob},
         CASE WHEN s.done THEN ${Math.round(perJob * 0.8)} END, CASE WHEN s.done THEN ${Math.round(perJob * 0.1)} END,
         CASE WHEN s.done THEN ${Math.round(perJob * 0.06)} END, CASE WHEN s.done THEN ${Math.round(perJob * 0.04)} END,
         t0, t0, t0 + interval '2 seconds', CASE WHEN s.done THEN t0 + (600 + j % 7200) * interval '1 second' END, t0, 4
  FROM generate_series(1, ${jobs}) j
  CROSS JOIN LATERAL (SELECT now() - j * interval '3 minutes' AS t0) t
  CROSS JOIN LATERAL (SELECT CASE WHEN j <= ${Math.ceil(jobs * 0.03)} THEN 'queued'
                                  WHEN j <= ${Math.ceil(jobs * 0.07)} THEN 'in_progress'
                                  WHEN j % 33 = 0 THEN 'cancelled' WHEN j % 20 = 0 THEN 'failed' ELSE 'complete' END AS status,
                             j > ${Math.ceil(jobs * 0.07)} AS done) s`;

const RESULTS_SQL = `
  INSERT INTO job_results (id, job_id, directory_id, idempotency_key, priority, status, attempts, worker_id, listing_url,
                           last_error_class, scheduled_at, started_at, finished_at, updated_at, version)
  SELECT jb.id || ':' || d, jb.id, d, md5(jb.id || ':' || d), jb.priority, r.status, CASE WHEN r.status = 'scheduled' THEN 0 ELSE 1 END,
         'worker-' || (h % 8), CASE WHEN r.status = 'succeeded' THEN 'https://listings.example/' || jb.id || '/' || d END,
         CASE WHEN r.status = 'failed' THEN 'permanent' END, jb.created_at, jb.started_at,
         f.at, coalesce(f.at, jb.created_at), 3
  FROM jobs jb
  CROSS JOIN LATERAL generate_series(1, jb.directory_count) n
  CROSS JOIN LATERAL (SELECT 'dir-' || lpad(n::text, 3, '0') AS d, ((abs(hashtext(jb.id)::bigint) + n * 40503) % 1000)::int AS h) k
  CROSS JOIN LATERAL (SELECT CASE WHEN jb.finished_at IS NULL THEN 'scheduled' WHEN h < 800 THEN 'succeeded'
                                  WHEN h < 900 THEN 'failed' WHEN h < 960 THEN 'needs_manual' ELSE 'skipped' END AS status) r
  CROSS JOIN LATERAL (SELECT CASE WHEN r.status <> 'scheduled' THEN least(now(), jb.started_at + (h % 600) * interval '1 second') END AS at) f`;

/**
 * What the jobs projection keeps beside its rows (projections/jobs/job-stats.ts): jobs per status
 * and duration bucket, the bucket being the number of bounds a finished job's duration exceeds.
 */
const JOB_STATS_SQL = `
  INSERT INTO job_stats (status, bucket, jobs, duration_ms)
  SELECT status, bucket, count(*), coalesce(sum(ms), 0)
  FROM (SELECT status, ms, CASE WHEN ms IS NULL THEN ${UNFINISHED_BUCKET}
                                ELSE (SELECT count(*) FROM unnest(ARRAY[${JOB_DURATION_BUCKETS.join(', ')}]) le WHERE le * 1000 < ms) END AS bucket
        FROM (SELECT status, (extract(epoch FROM finished_at) * 1000)::bigint - (extract(epoch FROM created_at) * 1000)::bigint AS ms FROM jobs) d) b
  GROUP BY status, bucket`;

const QUEUE_SQL = (queued: number): string => `
  INSERT INTO queue_messages (id, priority, body, visible_at)
  SELECT 'bench-msg-' || i, 'P' || (1 + i % 3), '{}', now() + CASE WHEN i % 10 = 0 THEN interval '1 minute' ELSE interval '0' END
  FROM generate_series(1, ${queued}) i`;

const WORKERS_SQL = (workers: number): string => `
  INSERT INTO worker_heartbeats (worker_id, status, in_flight, host, pid)
  SELECT 'bench-worker-' || i, 'running', 4, 'bench', 1000 + i FROM generate_series(1, ${workers}) i`;

/**
 * Fills the read models (installed by the app's boot) straight with SQL, then vacuums and
 * analyzes them as autovacuum would: a fleet with this history is in that steady state, and
 * otherwise autovacuum's first pass over 500,000 fresh rows competes with the scrapes measured.
 */
export async function seedReadModels(pool: Pool, size: SeedSize): Promise<{ jobs: number; submissions: number }> {
  await pool.query(JOBS_SQL(count(size.jobs), count(size.directoriesPerJob)));
  await pool.query(JOB_STATS_SQL);
  await pool.query(RESULTS_SQL);
  await pool.query(QUEUE_SQL(count(size.queued)));
  await pool.query(WORKERS_SQL(count(size.workers)));
  await pool.query('VACUUM ANALYZE');
  const { rows } = await pool.query<{ jobs: number; submissions: number }>(
    'SELECT (SELECT count(*) FROM jobs)::int AS jobs, (SELECT count(*) FROM job_results)::int AS submissions',
  );
  return rows[0];
}
