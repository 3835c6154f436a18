import type { Pool } from 'pg';

/** Alive = a recent heartbeat and not marked stopped or stale. */
export function workerLiveness(pool: Pool, staleAfterMs: number): (workerId: string) => Promise<boolean> {
  return async (workerId) => {
    const { rowCount } = await pool.query(
      `SELECT 1 FROM worker_heartbeats WHERE worker_id = $1 AND status NOT IN ('stopped', 'error')
         AND last_heartbeat >= now() - make_interval(secs => $2 / 1000.0)`,
      [workerId, staleAfterMs],
    );
    return (rowCount ?? 0) > 0;
  };
}
