import type { Pool } from 'pg';
import { inBatches } from './in-batches';

/** Deletes archived queue_history rows whose event is older than `days`. */
export async function deleteOldArchive(pool: Pool, days: number, batchSize: number): Promise<number> {
  return inBatches(batchSize, async () => {
    const { rowCount } = await pool.query(
      `WITH doomed AS (SELECT position FROM queue_history_archive
         WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2)
       DELETE FROM queue_history_archive a USING doomed d WHERE a.position = d.position`,
      [days, batchSize],
    );
    return rowCount ?? 0;
  });
}
