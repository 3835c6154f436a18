import type { PoolClient } from 'pg';
import { physicalName, type Projection } from './projection';
import { secureGeneration, secureViews } from './row-security';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain SQL identifier`);
  return name;
}

/** Creates the tables of one generation (dropping leftovers of an abandoned attempt first). */
export async function createGeneration(client: PoolClient, projection: Projection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    const physical = assertIdentifier(physicalName(table.name, generation));
    await client.query(`DROP TABLE IF EXISTS ${physical} CASCADE`);
    await client.query(table.createSql(physical));
  }
  await secureGeneration(client, projection, generation);
}

/** Points every public view at `generation`. Run inside the swap transaction. */
export async function pointViewsAt(client: PoolClient, projection: Projection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    const view = assertIdentifier(table.name);
    await client.query(`DROP VIEW IF EXISTS ${view}`);
    await client.query(`CREATE VIEW ${view} AS SELECT * FROM ${physicalName(view, generation)}`);
  }
  await secureViews(client, projection);
}

/** Drops generations other than the ones kept (the old live one after a swap, abandoned rebuilds). */
export async function dropOtherGenerations(client: PoolClient, projection: Projection, keep: readonly number[]): Promise<string[]> {
  const dropped: string[] = [];
  for (const table of projection.tables) {
    const { rows } = await client.query<{ name: string }>(
      'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1',
      [`${table.name}\\_\\_g%`],
    );
    for (const { name } of rows) {
      const generation = Number(/__g(\d+)$/.exec(name)?.[1]);
      if (!Number.isInteger(generation) || keep.includes(generation)) continue;
      await client.query(`DROP TABLE IF EXISTS ${assertIdentifier(name)} CASCADE`);
      dropped.push(name);
    }
  }
  return dropped;
}
