import type { Pool } from 'pg';
import { cutSkeletonSql, JOBS_SQL, loadEventsSql, SKELETON_SQL, STREAMS_SQL, submissionsSql } from '../../bench/projections/seed-sql';

/**
 * Writes `events` events of realistic, interleaved job histories straight into the store's
 * tables (the benchmark's generator): appending them one by one would dominate the test.
 */
export async function seedEventLog(pool: Pool, events: number): Promise<void> {
  const jobs = Math.ceil((events / 164) * 1.1) + 20;
  await pool.query(submissionsSql(jobs));
  await pool.query(JOBS_SQL);
  await pool.query(SKELETON_SQL);
  await pool.query(cutSkeletonSql(events));
  await pool.query('CREATE INDEX ON bench_skeleton (ord)');
  await pool.query(loadEventsSql(events, 1000));
  await pool.query(STREAMS_SQL);
  await pool.query('DROP TABLE bench_skeleton, bench_jobs, bench_subs');
  await pool.query('ANALYZE events');
}
