import type { Pool } from 'pg';
import { jobStreamId } from '../../src/jobs/job.events';
import { submissionStreamId } from '../../src/submissions/submission.events';

export interface LevelOutcomes {
  readonly succeeded: number;
  readonly failed: number;
  readonly needsManual: number;
  readonly skipped: number;
  readonly retries: number;
}

/** Jobs of `jobIds` with JobCompleted in the log, and those the jobs read model shows complete. */
export async function completion(pool: Pool, jobIds: readonly string[]): Promise<{ inLog: number; inReadModel: number }> {
  const streams = jobIds.map(jobStreamId);
  const [log, read] = await Promise.all([
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE event_type = 'JobCompleted' AND stream_id = ANY ($1)`, [
      streams,
    ]),
    pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY ($1) AND status = 'complete'`, [jobIds]),
  ]);
  return { inLog: log.rows[0].n, inReadModel: read.rows[0].n };
}

/** Per submission stream of the jobs: last attempt start → success, in ms (recorded_at, the server's clock). */
export async function attemptLatencies(pool: Pool, jobIds: readonly string[]): Promise<number[]> {
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM s.recorded_at - a.started) * 1000 AS ms
     FROM events s
     JOIN LATERAL (SELECT max(recorded_at) AS started FROM events a
                   WHERE a.stream_id = s.stream_id AND a.event_type = 'SubmissionAttemptStarted' AND a.stream_version < s.stream_version) a ON true
     WHERE s.event_type = 'SubmissionSucceeded' AND s.stream_id LIKE ANY ($1)`,
    [jobIds.map((id) => submissionStreamId(id, '%'))],
  );
  return rows.map((r) => Number(r.ms));
}

export async function outcomes(pool: Pool, jobIds: readonly string[]): Promise<LevelOutcomes> {
  const { rows } = await pool.query<{ event_type: string; n: number }>(
    `SELECT event_type, count(*)::int AS n FROM events WHERE stream_id LIKE ANY ($1) GROUP BY event_type`,
    [jobIds.map((id) => submissionStreamId(id, '%'))],
  );
  const n = (type: string): number => rows.find((r) => r.event_type === type)?.n ?? 0;
  return {
    succeeded: n('SubmissionSucceeded'),
    failed: n('SubmissionFailed'),
    needsManual: n('SubmissionNeedsManual'),
    skipped: n('SubmissionSkipped'),
    retries: n('SubmissionRetryScheduled'),
  };
}

/** Events in the log and events per succeeded submission: what the pipeline appends for each. */
export async function eventCount(pool: Pool): Promise<number> {
  return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0].n;
}
