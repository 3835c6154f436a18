import type { Pool } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { Checkpoint, RecordedEvent } from '../../src/event-store/event-store.port';
import type { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import type { Projection } from '../../projections/runtime/projection';
import { applyBatch } from '../../projections/runtime/projection-batch';
import { DEFAULT_RUNNER_OPTIONS } from '../../projections/runtime/projection-host';
import { createGeneration, dropOtherGenerations } from '../../projections/runtime/projection-schema';
import { SLICE_EVENTS } from './bench-config';
import { MEASURED } from './bench-host';

export type ApplyMode = 'batched' | 'per-event';

export interface SliceProjectionRun {
  readonly name: string;
  readonly seconds: number;
  readonly applied: number;
  readonly transactions: number;
}

export interface SliceRun {
  readonly mode: ApplyMode;
  readonly seconds: number;
  readonly projections: readonly SliceProjectionRun[];
}

/** Generations far from the host's, so the comparison tables never meet the live ones. */
const GENERATION: Readonly<Record<ApplyMode, number>> = { batched: 901, 'per-event': 902 };

function variant(projection: Projection, mode: ApplyMode): Projection {
  return { ...projection, name: `${projection.name}__${mode.replace('-', '_')}` };
}

async function prepare(pool: Pool, projection: Projection, generation: number): Promise<void> {
  await withTransaction(pool, async (client) => {
    await createGeneration(client, projection, generation);
    await client.query('INSERT INTO projection_state (name, live_generation, live_version) VALUES ($1, $2, $3)', [
      projection.name,
      generation,
      projection.version,
    ]);
  });
}

/**
 * The runner's rebuild loop over the first SLICE_EVENTS of the log: the same filtered pages of
 * rebuildBatchSize, the same applyBatch (projection apply + fenced checkpoint in one
 * transaction). 'batched' applies a page per transaction, as the runtime does; 'per-event' one
 * event per transaction, i.e. one row upsert and one checkpoint update per event.
 */
async function runOne(pool: Pool, store: PostgresEventStore, projection: Projection, mode: ApplyMode): Promise<SliceProjectionRun> {
  const target = { cursor: 'live' as const, generation: GENERATION[mode] };
  const started = performance.now();
  let from: Checkpoint | null = null;
  let remaining = SLICE_EVENTS;
  let applied = 0;
  let transactions = 0;
  const apply = async (events: readonly RecordedEvent[], to: Checkpoint | null): Promise<void> => {
    await applyBatch(pool, projection, { ...target, from }, events, to);
    from = to;
    transactions += 1;
  };
  while (remaining > 0) {
    const maxCount = Math.min(DEFAULT_RUNNER_OPTIONS.rebuildBatchSize, remaining);
    const page = await store.readAll({ after: from, maxCount, eventTypes: projection.handles });
    remaining -= maxCount;
    applied += page.events.length;
    if (mode === 'per-event') for (const event of page.events) await apply([event], event.checkpoint);
    if (page.checkpoint !== from) await apply(mode === 'batched' ? page.events : [], page.checkpoint);
    if (page.isEnd) break;
  }
  return { name: projection.name, seconds: (performance.now() - started) / 1000, applied, transactions };
}

/** All three projections at once, as the host runs them. */
export async function runSlice(pool: Pool, store: PostgresEventStore, mode: ApplyMode): Promise<SliceRun> {
  const projections = MEASURED.map((p) => variant(p, mode));
  for (const projection of projections) await prepare(pool, projection, GENERATION[mode]);
  const started = performance.now();
  const runs = await Promise.all(projections.map((p) => runOne(pool, store, p, mode)));
  return { mode, seconds: (performance.now() - started) / 1000, projections: runs };
}

/** Rows that differ between the two runs' tables (0 when per-event built exactly what batched built). */
export async function compareSliceTables(pool: Pool): Promise<number> {
  let differing = 0;
  for (const projection of MEASURED) {
    for (const table of projection.tables) {
      const a = `${table.name}__g${GENERATION.batched}`;
      const b = `${table.name}__g${GENERATION['per-event']}`;
      const { rows } = await pool.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) x)
               + (SELECT count(*) FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}) y))::int AS n`,
      );
      differing += rows[0].n;
    }
  }
  return differing;
}

export async function dropSliceTables(pool: Pool, liveGenerations: ReadonlyMap<string, number>): Promise<void> {
  for (const projection of MEASURED) {
    const keep = [liveGenerations.get(projection.name) ?? -1];
    await withTransaction(pool, (client) => dropOtherGenerations(client, projection, keep));
  }
  await pool.query("DELETE FROM projection_state WHERE name LIKE '%\\_\\_batched' OR name LIKE '%\\_\\_per\\_event'");
}
