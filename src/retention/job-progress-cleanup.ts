import type { Pool } from 'pg';
import { withTransaction } from '../database/transaction';
import { inBatches } from './in-batches';

const FINISHED = ['complete', 'failed', 'cancelled'];

export interface JobProgressCleanup {
  readonly jobs: number;
  readonly submissions: number;
}

/**
 * Drops the job-progress bookkeeping of jobs that finished more than `days` ago (the idempotency
 * window): nothing should move them any more, and the reaction rebuilds it if one comes back.
 * finished_at is unset after a status override, so the last change stands in for it.
 */
export async function cleanJobProgress(pool: Pool, days: number, jobBatchSize: number): Promise<JobProgressCleanup> {
  if (!(await relationExists(pool, 'jobs'))) return { jobs: 0, submissions: 0 };
  let submissions = 0;
  const jobs = await inBatches(jobBatchSize, () =>
    withTransaction(pool, async (client) => {
      const { rows } = await client.query<{ job_id: string }>(
        `SELECT p.job_id FROM job_progress_jobs p JOIN jobs j ON j.id = p.job_id
         WHERE j.status = ANY ($1::text[]) AND coalesce(j.finished_at, j.updated_at) < now() - make_interval(days => $2)
         LIMIT $3`,
        [FINISHED, days, jobBatchSize],
      );
      const ids = rows.map((row) => row.job_id);
      if (ids.length === 0) return 0;
      const removed = await client.query('DELETE FROM job_progress_submissions WHERE job_id = ANY ($1::text[])', [ids]);
      submissions += removed.rowCount ?? 0;
      await client.query('DELETE FROM job_progress_jobs WHERE job_id = ANY ($1::text[])', [ids]);
      return ids.length;
    }),
  );
  return { jobs, submissions };
}

async function relationExists(pool: Pool, name: string): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [name]);
  return rows[0].found;
}
