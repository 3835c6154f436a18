import type { Pool } from 'pg';

export interface LeaseHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly client: string | null;
  readonly since: Date | null;
}

/**
 * Which server session holds a runner's lease (AdvisoryLeases: pg_try_advisory_lock(hashtext(name))).
 * A bigint advisory key shows in pg_locks split into classid (high half) and objid (low half).
 */
export async function findLeaseHolder(pool: Pool, leaseName: string): Promise<LeaseHolder | null> {
  const { rows } = await pool.query<LeaseHolder>(
    `SELECT a.pid, a.application_name AS "applicationName", host(a.client_addr) AS client, a.backend_start AS since
     FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND l.classid = ((hashtext($1)::bigint >> 32) & 4294967295)::oid
       AND l.objid = (hashtext($1)::bigint & 4294967295)::oid
     LIMIT 1`,
    [leaseName],
  );
  return rows[0] ?? null;
}

export function describeLeaseHolder(holder: LeaseHolder | null): string {
  if (!holder) return 'another process';
  const from = holder.client ? ` from ${holder.client}` : '';
  const since = holder.since ? `, connected since ${holder.since.toISOString()}` : '';
  return `server session pid ${holder.pid} (${holder.applicationName || 'unnamed'}${from}${since})`;
}
