import type { Pool } from 'pg';

export interface LeaseHolder {
  /** The holder as it names itself: script, process id and host. */
  readonly holder: string;
  readonly since: Date;
  readonly expiresAt: Date;
}

/** Who holds a runner's lease (AdvisoryLeases), or null when nobody does or the lease ran out. */
export async function findLeaseHolder(pool: Pool, leaseName: string): Promise<LeaseHolder | null> {
  const { rows } = await pool.query<LeaseHolder>(
    `SELECT holder, acquired_at AS since, expires_at AS "expiresAt" FROM leases WHERE name = $1 AND expires_at > clock_timestamp()`,
    [leaseName],
  );
  return rows[0] ?? null;
}

export function describeLeaseHolder(holder: LeaseHolder | null): string {
  if (!holder) return 'another process';
  return `${holder.holder} (its lease since ${holder.since.toISOString()})`;
}
