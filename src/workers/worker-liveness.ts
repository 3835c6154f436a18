import type { Pool } from 'pg';

/**
 * Where a worker stands with one submission: `running-it` = alive and its last heartbeat lists
 * the submission among the messages it holds; `alive` = alive, not (yet) listing it; `gone` =
 * no recent heartbeat, or marked stopped or stale.
 */
export type WorkerPresence = 'running-it' | 'alive' | 'gone';

export type PresenceCheck = (workerId: string, jobId: string, directoryId: string) => Promise<WorkerPresence>;

export function workerPresence(pool: Pool, staleAfterMs: number): PresenceCheck {
  return async (workerId, jobId, directoryId) => {
    const { rows } = await pool.query<{ holds: boolean }>(
      `SELECT in_flight_work @> jsonb_build_array(jsonb_build_object('jobId', $3::text, 'directoryId', $4::text)) AS holds
       FROM worker_heartbeats WHERE worker_id = $1 AND status NOT IN ('stopped', 'error')
         AND last_heartbeat >= now() - make_interval(secs => $2 / 1000.0)`,
      [workerId, staleAfterMs, jobId, directoryId],
    );
    if (rows.length === 0) return 'gone';
    return rows[0].holds ? 'running-it' : 'alive';
  };
}
