import type { Pool } from 'pg';
import { decodePgCheckpoint, encodePgCheckpoint } from '../postgres/pg-checkpoint';
import type { SourceSnapshot } from './source-snapshot';

export interface MovedCheckpoint {
  readonly subscriptionId: string;
  readonly source: string;
  /** Null when the source checkpoint stood before every event. */
  readonly target: string | null;
}

/**
 * A reaction resumes where it stood, not from the start: the dispatcher is the outbox, and
 * replaying it would send every submission again (a staff retry's message would even reopen a
 * finished one). The order is kept by the copy, so the last event at or before a checkpoint in
 * the source marks the same place in the target.
 */
export async function moveCheckpoints(source: SourceSnapshot, target: Pool): Promise<MovedCheckpoint[]> {
  const { rows } = await source.client.query<{ id: string; checkpoint: string; updated_at: string }>(
    'SELECT subscription_id AS id, checkpoint, updated_at::text FROM subscription_checkpoints ORDER BY subscription_id',
  );
  const moved: MovedCheckpoint[] = [];
  for (const row of rows) {
    const translated = await translate(source, target, row.checkpoint);
    moved.push({ subscriptionId: row.id, source: row.checkpoint, target: translated });
    if (translated === null) continue; // no row = from the start, which is where it stood
    await target.query('INSERT INTO subscription_checkpoints (subscription_id, checkpoint, updated_at) VALUES ($1, $2, $3::timestamptz)', [
      row.id,
      translated,
      row.updated_at,
    ]);
  }
  return moved;
}

async function translate(source: SourceSnapshot, target: Pool, checkpoint: string): Promise<string | null> {
  const at = decodePgCheckpoint(checkpoint);
  const { rows } = await source.client.query<{ event_id: string }>(
    `SELECT e.event_id FROM events e WHERE (e.transaction_id, e.position) <= ($1::xid8, $2::bigint)
     ORDER BY e.transaction_id DESC, e.position DESC LIMIT 1`,
    [at.transactionId, at.position.toString()],
  );
  if (rows.length === 0) return null;
  const found = await target.query<{ transaction_id: string; position: string }>(
    'SELECT transaction_id::text AS transaction_id, position::text AS position FROM events WHERE event_id = $1',
    [rows[0].event_id],
  );
  if (found.rows.length === 0) throw new Error(`Checkpoint ${checkpoint}: its event ${rows[0].event_id} is missing from the target`);
  const { transaction_id: transactionId, position } = found.rows[0];
  return encodePgCheckpoint({ transactionId, position: BigInt(position) });
}
