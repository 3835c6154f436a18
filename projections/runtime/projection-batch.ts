import type { Pool } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { Checkpoint, RecordedEvent } from '../../src/event-store/event-store.port';
import { contextFor, type Projection } from './projection';

export type Cursor = 'live' | 'next';

/** Another runner moved this projection's checkpoint or generation: this one must stand down. */
export class ProjectionFencedError extends Error {
  constructor(name: string, cursor: Cursor) {
    super(`Projection ${name}: the ${cursor} checkpoint moved under this runner; standing down`);
    this.name = 'ProjectionFencedError';
  }
}

export interface BatchTarget {
  readonly cursor: Cursor;
  readonly generation: number;
  /** The checkpoint this runner last stored; the update is refused if it is not still there. */
  readonly from: Checkpoint | null;
}

/** Applies one page and moves the checkpoint in the same transaction: effects exactly once. */
export async function applyBatch(
  pool: Pool,
  projection: Projection,
  target: BatchTarget,
  events: readonly RecordedEvent[],
  to: Checkpoint | null,
): Promise<void> {
  const prefix = target.cursor;
  await withTransaction(pool, async (client) => {
    if (events.length > 0) await projection.apply(events, contextFor(client, projection, target.generation));
    const { rowCount } = await client.query(
      `UPDATE projection_state SET ${prefix}_checkpoint = $2, ${prefix}_events = ${prefix}_events + $3
         ${prefix === 'live' ? ', live_updated_at = now()' : ''}
       WHERE name = $1 AND ${prefix}_generation = $4 AND ${prefix}_checkpoint IS NOT DISTINCT FROM $5`,
      [projection.name, to, events.length, target.generation, target.from],
    );
    if (rowCount !== 1) throw new ProjectionFencedError(projection.name, target.cursor);
  });
}
