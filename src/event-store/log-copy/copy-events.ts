import type { Pool } from 'pg';
import { withTransaction } from '../../database/transaction';
import type { SourceSnapshot } from './source-snapshot';

/**
 * In the source's global order. Values travel as JSON text, never through JavaScript values, so
 * jsonb numbers and microsecond timestamps arrive exactly as stored.
 */
const SOURCE_EVENTS = `SELECT json_build_object(
    'stream_id', e.stream_id, 'stream_version', e.stream_version, 'event_id', e.event_id,
    'event_type', e.event_type, 'data', e.data, 'metadata', e.metadata, 'recorded_at', e.recorded_at)::text AS row
  FROM events e ORDER BY e.transaction_id, e.position`;

/**
 * Position and transaction id are the target's own: one transaction per batch, committed one
 * after the other, so the target's (transaction id, position) order is the source's order.
 */
const INSERT_EVENTS = `INSERT INTO events (stream_id, stream_version, event_id, event_type, data, metadata, recorded_at)
  SELECT t.e->>'stream_id', (t.e->>'stream_version')::bigint, (t.e->>'event_id')::uuid, t.e->>'event_type',
         t.e->'data', t.e->'metadata', (t.e->>'recorded_at')::timestamptz
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
  ORDER BY t.ord`;

export async function countSourceEvents(source: SourceSnapshot): Promise<number> {
  const { rows } = await source.client.query<{ n: string }>('SELECT count(*) AS n FROM events');
  return Number(rows[0].n);
}

/** Copies every event; `onProgress` gets the running count after each committed batch. */
export async function copyEvents(
  source: SourceSnapshot,
  target: Pool,
  batchSize: number,
  onProgress: (copied: number) => void,
): Promise<number> {
  let copied = 0;
  for await (const page of source.pages(SOURCE_EVENTS, batchSize)) {
    await withTransaction(target, (client) => client.query(INSERT_EVENTS, [`[${page.join(',')}]`]));
    copied += page.length;
    onProgress(copied);
  }
  return copied;
}
