import { isOneOf } from '../../src/event-store/event-decoding';
import type { Pool } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { Projection } from '../../projections/runtime/projection';
import { applyBatch } from '../../projections/runtime/projection-batch';
import { installIfMissing, readState } from '../../projections/runtime/projection-registry';

export interface ProjectionSpecWhen {
  /**
   * Applies `events` `times` times (2 by default: a replayed page must change nothing), each time
   * as a page of its own that moves the checkpoint.
   */
  when(events: readonly RecordedEvent[], options?: { readonly times?: number }): ProjectionSpecThen;
}

export interface ProjectionSpecThen {
  /** The projection's rows, ordered by their first column, with timestamps as ISO strings. */
  then(expected: readonly object[]): Promise<void>;
}

/**
 * Database-backed test of one projection through its real apply path (the runner's batch: the
 * projection's apply and its checkpoint in one transaction, on its live generation):
 * `await projectionSpec(projection, db).given(events).when(events).then(rows)`. Every `then`
 * starts from freshly installed, empty tables.
 */
export function projectionSpec(
  projection: Projection,
  db: { readonly pool: Pool },
): { given(events: readonly RecordedEvent[]): ProjectionSpecWhen } {
  return {
    given: (given) => ({
      when: (when, { times = 2 } = {}) => ({
        then: async (expected) => {
          await reinstall(db.pool, projection);
          await applyPage(db.pool, projection, given);
          for (let i = 0; i < times; i += 1) await applyPage(db.pool, projection, when);
          expect(await rowsOf(db.pool, projection)).toEqual(expected);
        },
      }),
    }),
  };
}

/** Drops what an earlier spec left and installs generation 1 again, empty. */
async function reinstall(pool: Pool, projection: Projection): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query('DELETE FROM projection_state WHERE name = $1', [projection.name]);
    await installIfMissing(client, projection);
  });
}

async function applyPage(pool: Pool, projection: Projection, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const state = await readState(pool, projection.name);
  if (!state) throw new Error(`Projection ${projection.name} is not installed`);
  const target = { cursor: 'live' as const, generation: state.liveGeneration, from: state.liveCheckpoint };
  const handled = events.filter((event) => isOneOf(projection.handles, event));
  await applyBatch(pool, projection, target, handled, events[events.length - 1].checkpoint);
}

async function rowsOf(pool: Pool, projection: Projection): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const table of projection.tables) {
    const { rows: tableRows } = await pool.query<Record<string, unknown>>(`SELECT * FROM ${table.name} ORDER BY 1`);
    rows.push(...tableRows.map(withIsoTimestamps));
  }
  return rows;
}

function withIsoTimestamps(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value instanceof Date ? value.toISOString() : value]));
}
