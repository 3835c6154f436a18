import type { Pool } from 'pg';
import { physicalName } from '../../projections/runtime/projection';
import { withTransaction } from '../database/transaction';
import { inBatches } from './in-batches';
import type { NdjsonArchiveFile } from './ndjson-archive-file';

export interface QueueHistoryArchiveResult {
  /** Rows created before this are archived; the queue_history projection skips their events. */
  readonly horizon: Date;
  readonly moved: number;
  /** The generation tables swept (the live one, and a rebuild's next one if any). */
  readonly tables: readonly string[];
  readonly ndjsonFile: string | null;
}

/**
 * Moves queue_history rows older than the horizon into queue_history_archive, one short
 * transaction per batch (PGlite blocks every other connection during a transaction; the
 * statement timeout bounds each batch). Rows the archive already holds are dropped from live
 * without a second copy, so a repeated or concurrent pass is harmless.
 */
export async function archiveQueueHistory(
  pool: Pool,
  archiveAfterDays: number,
  batchSize: number,
  ndjson: NdjsonArchiveFile | null,
): Promise<QueueHistoryArchiveResult> {
  // The horizon is committed before any row moves: a rebuild running meanwhile stops
  // re-inserting those rows from its next page on, and the next pass sweeps what it already did.
  const horizon = await recordHorizon(pool, archiveAfterDays);
  const tables = await queueHistoryTables(pool);
  let moved = 0;
  for (const table of tables) moved += await inBatches(batchSize, () => moveBatch(pool, table, horizon, batchSize, ndjson));
  return { horizon, moved, tables, ndjsonFile: ndjson && moved > 0 ? ndjson.path : null };
}

/** Never moves back: a later, larger archive age does not bring archived rows back to life. */
async function recordHorizon(pool: Pool, archiveAfterDays: number): Promise<Date> {
  const { rows } = await pool.query<{ horizon: Date }>(
    `UPDATE retention_state SET queue_history_archived_before = GREATEST(
       coalesce(queue_history_archived_before, '-infinity'),
       date_trunc('milliseconds', now() - make_interval(days => $1)))
     RETURNING queue_history_archived_before AS horizon`,
    [archiveAfterDays],
  );
  if (rows.length !== 1) throw new Error('retention_state has no row: run the migrations');
  return rows[0].horizon;
}

async function queueHistoryTables(pool: Pool): Promise<string[]> {
  const { rows } = await pool.query<{ generation: number }>(
    `SELECT g AS generation FROM projection_state, LATERAL (VALUES (live_generation), (next_generation)) v(g)
     WHERE name = 'queue_history' AND g IS NOT NULL`,
  );
  const tables = rows.map((row) => physicalName('queue_history', row.generation));
  const { rows: existing } = await pool.query<{ name: string }>(
    'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename = ANY ($1::text[])',
    [tables],
  );
  return tables.filter((table) => existing.some((row) => row.name === table));
}

const ARCHIVED_COLUMNS =
  'position::text AS position, stream_id, job_id, directory_id, event, attempt, delay_ms, error_class, actor, details, created_at, archived_at';

async function moveBatch(pool: Pool, table: string, horizon: Date, batchSize: number, ndjson: NdjsonArchiveFile | null): Promise<number> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ moved: number; lines: string | null }>(
      `WITH doomed AS (SELECT position FROM ${table} WHERE created_at < $1 ORDER BY created_at, position LIMIT $2),
       moved AS (DELETE FROM ${table} t USING doomed d WHERE t.position = d.position RETURNING t.*),
       archived AS (INSERT INTO queue_history_archive SELECT moved.*, now() FROM moved ON CONFLICT (position) DO NOTHING RETURNING *)
       SELECT (SELECT count(*) FROM moved)::int AS moved,
         CASE WHEN $3::boolean THEN (SELECT string_agg(row_to_json(r)::text, E'\\n' ORDER BY r.position::bigint)
           FROM (SELECT ${ARCHIVED_COLUMNS} FROM archived) r) END AS lines`,
      [horizon, batchSize, ndjson !== null],
    );
    // Written before the commit: a failed commit may leave a line twice in the file, never none.
    if (ndjson && rows[0].lines) await ndjson.append(rows[0].lines);
    return rows[0].moved;
  });
}
