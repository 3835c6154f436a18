import type { Pool } from 'pg';

/** How to move a log into another cluster: the command re-sequences it there. */
export const COPY_COMMAND = 'npm run cli -- events copy --from <this database> --to <a new, empty database>';

export class LogFromAnotherClusterError extends Error {
  constructor(
    readonly newestTransactionId: string,
    readonly nextTransactionId: string,
  ) {
    super(
      `The event log was written in another PostgreSQL cluster: its newest transaction id ${newestTransactionId} is ahead of ` +
        `this cluster's next one (${nextTransactionId}), as after pg_dump/restore or replication into a younger cluster. ` +
        'Readers would silently miss those events and new events would sort before them, so the app refuses to start. ' +
        `Copy the log into a new database instead; the copy re-sequences it: ${COPY_COMMAND}`,
    );
    this.name = 'LogFromAnotherClusterError';
  }
}

interface ClusterRow {
  readonly newest: string | null;
  readonly next: string;
}

/**
 * Events carry the transaction id of the cluster that wrote them, and readers only trust ids
 * below the oldest running transaction. A committed id at or past the cluster's next id cannot
 * have come from this cluster. One index probe (the newest entry of the primary key).
 */
export async function assertLogBelongsToCluster(pool: Pool): Promise<void> {
  const exists = await pool.query<{ found: boolean }>("SELECT to_regclass('events') IS NOT NULL AS found");
  if (!exists.rows[0].found) return; // not migrated yet: nothing stored to check
  const { rows } = await pool.query<ClusterRow>(
    `SELECT (SELECT e.transaction_id::text FROM events e ORDER BY e.transaction_id DESC LIMIT 1) AS newest,
            pg_snapshot_xmax(pg_current_snapshot())::text AS next`,
  );
  const { newest, next } = rows[0];
  if (newest !== null && BigInt(newest) >= BigInt(next)) throw new LogFromAnotherClusterError(newest, next);
}
