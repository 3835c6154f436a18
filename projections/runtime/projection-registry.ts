import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { Checkpoint } from '../../src/event-store/event-store.port';
import type { Projection } from './projection';
import { createGeneration, pointViewsAt } from './projection-schema';
import { secureGeneration, secureViews } from './row-security';
import type { SqlReader } from '../../src/database/read-batch';

export interface ProjectionStateRow {
  readonly name: string;
  readonly liveGeneration: number;
  readonly liveVersion: number;
  readonly liveCheckpoint: Checkpoint | null;
  readonly liveEvents: number;
  readonly liveUpdatedAt: Date;
  readonly nextGeneration: number | null;
  readonly nextVersion: number | null;
  readonly nextCheckpoint: Checkpoint | null;
  readonly nextEvents: number;
  readonly rebuildRequestedAt: Date | null;
  readonly rebuildStartedAt: Date | null;
  readonly lastRebuildAt: Date | null;
  readonly lastError: string | null;
}

const SELECT = `SELECT name, live_generation AS "liveGeneration", live_version AS "liveVersion",
  live_checkpoint AS "liveCheckpoint", live_events::int AS "liveEvents", live_updated_at AS "liveUpdatedAt",
  next_generation AS "nextGeneration", next_version AS "nextVersion", next_checkpoint AS "nextCheckpoint",
  next_events::int AS "nextEvents", rebuild_requested_at AS "rebuildRequestedAt",
  rebuild_started_at AS "rebuildStartedAt", last_rebuild_at AS "lastRebuildAt", last_error AS "lastError"
  FROM projection_state`;

/** Any fixed number; only has to be the same in every process (transaction-scoped lock). */
const INSTALL_LOCK_KEY = 7_304_512_002;

export async function readState(db: Pool | PoolClient, name: string): Promise<ProjectionStateRow | null> {
  const { rows } = await db.query<ProjectionStateRow>(`${SELECT} WHERE name = $1`, [name]);
  return rows[0] ?? null;
}

export async function readAllStates(db: SqlReader): Promise<ProjectionStateRow[]> {
  return (await db.query<ProjectionStateRow>(`${SELECT} ORDER BY name`)).rows;
}

/** First boot of a projection anywhere: generation 1, empty, views in place; later boots secure what exists. Idempotent. */
export async function installIfMissing(client: PoolClient, projection: Projection): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INSTALL_LOCK_KEY]);
  const installed = await readState(client, projection.name);
  if (installed) {
    // Generations built before row security existed get it now (idempotent).
    await secureGeneration(client, projection, installed.liveGeneration);
    await secureViews(client, projection);
    return;
  }
  await createGeneration(client, projection, 1);
  await pointViewsAt(client, projection, 1);
  await client.query('INSERT INTO projection_state (name, live_generation, live_version) VALUES ($1, 1, $2)', [
    projection.name,
    projection.version,
  ]);
}

/**
 * Installs every projection not installed yet, so its read tables exist (empty) before any
 * projector has run: `migrate` calls this, and so does every process at boot.
 */
export async function installProjections(pool: Pool, projections: readonly Projection[]): Promise<void> {
  for (const projection of projections) await withTransaction(pool, (client) => installIfMissing(client, projection));
}

/** Asks the runner (in whichever process holds it) to rebuild; it picks this up when it polls. */
export async function requestRebuild(db: Pool, name: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE projection_state SET rebuild_requested_at = now() WHERE name = $1', [name]);
  return rowCount === 1;
}

export async function beginRebuild(client: PoolClient, projection: Projection, state: ProjectionStateRow): Promise<number> {
  const generation = state.liveGeneration + 1;
  await createGeneration(client, projection, generation);
  await client.query(
    `UPDATE projection_state SET next_generation = $2, next_version = $3, next_checkpoint = NULL, next_events = 0,
       rebuild_started_at = now(), rebuild_requested_at = NULL, last_error = NULL WHERE name = $1`,
    [projection.name, generation, projection.version],
  );
  return generation;
}

/** The swap: views move to the rebuilt generation and it becomes live, in the caller's transaction. */
export async function promoteNext(client: PoolClient, projection: Projection, state: ProjectionStateRow): Promise<void> {
  // A rebuild begun by an older release may lack row security: the swap must not drop it.
  await secureGeneration(client, projection, state.nextGeneration!);
  await pointViewsAt(client, projection, state.nextGeneration!);
  await client.query(
    `UPDATE projection_state SET live_generation = next_generation, live_version = next_version,
       live_checkpoint = next_checkpoint, live_events = next_events, live_updated_at = now(),
       next_generation = NULL, next_version = NULL, next_checkpoint = NULL, next_events = 0,
       rebuild_started_at = NULL, last_rebuild_at = now() WHERE name = $1`,
    [projection.name],
  );
}

export async function recordError(db: Pool, name: string, message: string): Promise<void> {
  await db.query('UPDATE projection_state SET last_error = $2 WHERE name = $1', [name, message.slice(0, 2000)]);
}
