import type { Pool } from 'pg';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { completion } from '../submissions/event-figures';
import { waitFor } from '../submissions/child-processes';

export async function postJob(baseUrl: string, customerId: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/queue/${customerId}`, { method: 'POST', headers });
  if (response.status !== 201) throw new Error(`POST /api/queue/${customerId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { jobId: string }).jobId;
}

export async function untilComplete(pool: Pool, jobIds: readonly string[], timeoutMs: number): Promise<void> {
  await waitFor(
    `${jobIds.length} job(s) complete in the log and the jobs read model`,
    async () => {
      const done = await completion(pool, jobIds);
      return done.inLog === jobIds.length && done.inReadModel === jobIds.length ? true : null;
    },
    timeoutMs,
    100,
  );
}

const streamsOf = (jobIds: readonly string[]): string[] => jobIds.map((id) => submissionStreamId(id, '%'));

/** Attempts started per worker process, by the pid inside the worker id (`<host>-<pid>-<hex>`). */
export async function attemptsByWorkerPid(pool: Pool, jobIds: readonly string[]): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ worker: string; n: number }>(
    `SELECT data->>'workerId' AS worker, count(*)::int AS n FROM events
     WHERE event_type = 'SubmissionAttemptStarted' AND stream_id LIKE ANY ($1) GROUP BY 1`,
    [streamsOf(jobIds)],
  );
  const byPid = new Map<number, number>();
  for (const row of rows) {
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(row.worker)?.[1]);
    byPid.set(pid, (byPid.get(pid) ?? 0) + row.n);
  }
  return byPid;
}

export async function succeededOf(pool: Pool, jobIds: readonly string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM events WHERE event_type = 'SubmissionSucceeded' AND stream_id LIKE ANY ($1)`,
    [streamsOf(jobIds)],
  );
  return rows[0].n;
}

/** Up to `limit` outcomes other than success (type and data), to say why a row's "ok" count is short. */
export async function otherOutcomes(pool: Pool, jobIds: readonly string[], limit = 3): Promise<string[]> {
  const { rows } = await pool.query<{ event_type: string; data: unknown }>(
    `SELECT event_type, data FROM events
     WHERE event_type IN ('SubmissionFailed', 'SubmissionNeedsManual', 'SubmissionSkipped', 'SubmissionRetryScheduled')
       AND stream_id LIKE ANY ($1) ORDER BY position LIMIT $2`,
    [streamsOf(jobIds), limit],
  );
  return rows.map((row) => `${row.event_type} ${JSON.stringify(row.data).slice(0, 300)}`);
}
