import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { encodePgCheckpoint } from './pg-checkpoint';

export interface EventRow {
  readonly position: string;
  readonly transaction_id: string;
  readonly stream_id: string;
  readonly stream_version: string;
  readonly event_type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date;
}

/** bigint columns arrive as strings from pg; keep position exact as bigint. */
export const EVENT_COLUMNS = `e.position::text AS position, e.transaction_id::text AS transaction_id,
  e.stream_id, e.stream_version::text AS stream_version, e.event_type, e.data, e.metadata, e.recorded_at`;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = BigInt(row.position);
  return {
    streamId: row.stream_id,
    streamVersion: Number(row.stream_version),
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    globalPosition: position,
    checkpoint: encodePgCheckpoint({ transactionId: row.transaction_id, position }),
    recordedAt: row.recorded_at,
  };
}

/**
 * Only below the oldest running transaction is the log final (docs/requirements.md R-LOG-5). ORDER BY names the
 * table's columns: unqualified, it would sort by the text aliases above ('10' < '9').
 */
export const READ_ALL_SQL = `SELECT ${EVENT_COLUMNS} FROM events e
  WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id, e.position
  LIMIT $3`;

/**
 * Filtered: scans up to $3 events like READ_ALL_SQL but ships only those of types $4, plus the
 * last scanned row (flagged) so the checkpoint can move past what did not match.
 */
export const READ_ALL_FILTERED_SQL = `WITH scanned AS (
    -- count(*) OVER () is computed once per page; a separate aggregate joined back was
    -- re-evaluated per row when the planner misjudged the page size (seconds per page).
    SELECT s.*, count(*) OVER () AS scanned FROM (
      SELECT e.transaction_id, e.position, e.event_type,
             row_number() OVER (ORDER BY e.transaction_id, e.position) AS n
      FROM events e
      WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
        AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY e.transaction_id, e.position
      LIMIT $3) s)
  SELECT ${EVENT_COLUMNS}, s.event_type = ANY ($4::text[]) AS matches, s.scanned::int AS scanned
  FROM scanned s JOIN events e ON (e.transaction_id, e.position) = (s.transaction_id, s.position)
  WHERE s.event_type = ANY ($4::text[]) OR s.n = s.scanned
  ORDER BY s.transaction_id, s.position`;

/** One statement, so the stream version and the slice come from the same snapshot. */
export function readStreamSql(direction: 'forwards' | 'backwards'): string {
  const forwards = direction === 'forwards';
  const bound = forwards ? 'e.stream_version >= $2' : 'e.stream_version <= $2';
  const order = forwards ? 'ASC' : 'DESC';
  return `SELECT v.current_version::text AS current_version, slice.* FROM
    (SELECT coalesce((SELECT version FROM streams WHERE stream_id = $1), 0) AS current_version) v
    LEFT JOIN LATERAL (
      SELECT ${EVENT_COLUMNS}
      FROM events e WHERE e.stream_id = $1 AND ${bound}
      ORDER BY e.stream_version ${order} LIMIT $3
    ) slice ON true
    ORDER BY slice.stream_version::bigint ${order}`;
}
