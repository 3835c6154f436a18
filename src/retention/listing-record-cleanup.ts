import type { Pool } from 'pg';
import { inBatches } from './in-batches';

/**
 * Deletes duplicate-suppression records (listing_submissions) whose acceptance and claim are both
 * older than the idempotency window: such an acceptance suppresses nothing any more, and a claim
 * that old belongs to a job long over. One short statement per batch (PGlite: keep transactions short).
 */
export async function cleanListingRecords(pool: Pool, days: number, batchSize: number): Promise<number> {
  if (!(await tableExists(pool))) return 0;
  return inBatches(batchSize, async () => {
    const removed = await pool.query(
      `DELETE FROM listing_submissions WHERE listing_key IN (
         SELECT listing_key FROM listing_submissions
         WHERE greatest(accepted_at, claimed_at) < now() - make_interval(days => $1)
            OR (accepted_at IS NULL AND claimed_at IS NULL AND updated_at < now() - make_interval(days => $1))
         LIMIT $2)`,
      [days, batchSize],
    );
    return removed.rowCount ?? 0;
  });
}

async function tableExists(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ found: boolean }>("SELECT to_regclass('listing_submissions') IS NOT NULL AS found");
  return rows[0].found;
}
