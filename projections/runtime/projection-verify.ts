import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../../src/database/transaction';
import type { Checkpoint, EventStore } from '../../src/event-store/event-store.port';
import type { Projection, ProjectionContext } from './projection';
import { readState } from './projection-registry';

export interface TableDiff {
  readonly table: string;
  readonly liveRows: number;
  readonly replayedRows: number;
  /** Rows the replay produced that live lacks (or has differently), first few. */
  readonly missingFromLive: readonly unknown[];
  readonly missingCount: number;
  /** Rows live has that the replay did not produce, first few. */
  readonly unexpectedInLive: readonly unknown[];
  readonly unexpectedCount: number;
}

export interface VerifyReport {
  readonly projection: string;
  readonly ok: boolean;
  readonly checkpoint: Checkpoint | null;
  readonly eventsReplayed: number;
  readonly tables: readonly TableDiff[];
  /** Set when no comparison could be made (e.g. live runs another version of the code). */
  readonly problem: string | null;
}

export interface VerifyOptions {
  readonly batchSize?: number;
  readonly sampleRows?: number;
  readonly onProgress?: (eventsReplayed: number) => void;
  /** How many times to chase a live projection that keeps moving before giving up. */
  readonly attempts?: number;
}

/**
 * Replays the whole log into scratch tables and compares them with the live read model at the
 * same checkpoint, inside one REPEATABLE READ snapshot so a moving live projection cannot make
 * a false difference. Live tables are only read.
 */
export async function verifyProjection(
  pool: Pool,
  store: EventStore,
  projection: Projection,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const state = await readState(pool, projection.name);
  const base = { projection: projection.name, eventsReplayed: 0, tables: [], checkpoint: state?.liveCheckpoint ?? null };
  if (!state) return { ...base, ok: false, problem: 'not installed' };
  if (state.liveVersion !== projection.version) {
    return {
      ...base,
      ok: false,
      problem: `live tables are version ${state.liveVersion}, code is version ${projection.version}: rebuild first`,
    };
  }
  const suffix = randomBytes(4).toString('hex');
  const scratch = (table: string): string => `${table}__verify_${suffix}`;
  await withTransaction(pool, async (client) => {
    for (const table of projection.tables) await client.query(table.createSql(scratch(table.name)));
  });
  try {
    return await replayAndCompare(pool, store, projection, scratch, state.liveGeneration, options);
  } finally {
    await withTransaction(pool, async (client) => {
      for (const table of projection.tables) await client.query(`DROP TABLE IF EXISTS ${scratch(table.name)}`);
    });
  }
}

async function replayAndCompare(
  pool: Pool,
  store: EventStore,
  projection: Projection,
  scratch: (table: string) => string,
  liveGeneration: number,
  options: VerifyOptions,
): Promise<VerifyReport> {
  let checkpoint: Checkpoint | null = null;
  let replayed = 0;
  for (let attempt = 0; attempt < (options.attempts ?? 20); attempt++) {
    for (;;) {
      const page = await store.readAll({ after: checkpoint, maxCount: options.batchSize ?? 5000, eventTypes: projection.handles });
      if (page.events.length > 0) {
        await withTransaction(pool, (client) => projection.apply(page.events, scratchContext(client, projection, scratch)));
      }
      replayed += page.events.length;
      checkpoint = page.checkpoint;
      options.onProgress?.(replayed);
      if (page.isEnd) break;
    }
    const tables = await compareAt(pool, projection, scratch, checkpoint, liveGeneration, options.sampleRows ?? 5);
    if (tables) {
      const ok = tables.every((t) => t.missingCount === 0 && t.unexpectedCount === 0);
      return { projection: projection.name, ok, checkpoint, eventsReplayed: replayed, tables, problem: null };
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // live is elsewhere: let it catch up
  }
  return {
    projection: projection.name,
    ok: false,
    checkpoint,
    eventsReplayed: replayed,
    tables: [],
    problem: 'live projection never stood at the replayed checkpoint',
  };
}

/** Null when live is not at `checkpoint` (or swapped generations) in this snapshot. */
async function compareAt(
  pool: Pool,
  projection: Projection,
  scratch: (table: string) => string,
  checkpoint: Checkpoint | null,
  liveGeneration: number,
  sample: number,
): Promise<TableDiff[] | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const live = await readState(client, projection.name);
    if (!live || live.liveCheckpoint !== checkpoint || live.liveGeneration !== liveGeneration) return null;
    const diffs: TableDiff[] = [];
    for (const table of projection.tables)
      diffs.push(await diffTable(client, table.name, `${table.name}__g${liveGeneration}`, scratch(table.name), sample));
    return diffs;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

async function diffTable(client: PoolClient, name: string, live: string, replayed: string, sample: number): Promise<TableDiff> {
  const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0].n);
  const rows = async (sql: string): Promise<unknown[]> => (await client.query<Record<string, unknown>>(`${sql} LIMIT ${sample}`)).rows;
  const missing = `SELECT * FROM ${replayed} EXCEPT ALL SELECT * FROM ${live}`;
  const unexpected = `SELECT * FROM ${live} EXCEPT ALL SELECT * FROM ${replayed}`;
  return {
    table: name,
    liveRows: await count(`SELECT count(*) AS n FROM ${live}`),
    replayedRows: await count(`SELECT count(*) AS n FROM ${replayed}`),
    missingFromLive: await rows(missing),
    missingCount: await count(`SELECT count(*) AS n FROM (${missing}) d`),
    unexpectedInLive: await rows(unexpected),
    unexpectedCount: await count(`SELECT count(*) AS n FROM (${unexpected}) d`),
  };
}

function scratchContext(client: PoolClient, projection: Projection, scratch: (table: string) => string): ProjectionContext {
  const names = new Set(projection.tables.map((t) => t.name));
  return {
    client,
    scratch: true,
    table: (name) => {
      if (!names.has(name)) throw new Error(`Projection ${projection.name} has no table ${name}`);
      return scratch(name);
    },
  };
}
