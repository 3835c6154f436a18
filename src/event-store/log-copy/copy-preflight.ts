import type { Pool, PoolClient } from 'pg';
import { CopyRefusedError, rowTables, type CopyPlan } from './copy-plan';
import type { SourceSnapshot } from './source-snapshot';

/**
 * What must hold before anything is written: the same schema on both sides, nothing on the
 * target yet (a copy merges nothing), and no app running on either (it would keep writing to
 * the source after the copy, or race the copy on the target).
 */
export async function assertCopyPossible(source: SourceSnapshot, target: Pool, plan: CopyPlan): Promise<void> {
  await assertSameMigrations(source, target);
  await assertTargetEmpty(target, plan);
  await assertNoAppRunning(source.client, 'source');
  await assertNoAppRunning(target, 'target');
}

async function assertSameMigrations(source: SourceSnapshot, target: Pool): Promise<void> {
  const sql = "SELECT coalesce(string_agg(version, ',' ORDER BY version), '') AS versions FROM schema_migrations";
  const [s] = (await source.client.query<{ versions: string }>(sql)).rows;
  const [t] = (await target.query<{ versions: string }>(sql)).rows;
  if (s.versions !== t.versions) {
    throw new CopyRefusedError(
      `The source's schema is not the target's (migrations ${s.versions || 'none'} vs ${t.versions}): ` +
        'run `npm run cli -- migrate` against the source first (start the app on it once, for the embedded database)',
    );
  }
}

async function assertTargetEmpty(target: Pool, plan: CopyPlan): Promise<void> {
  const tables = [
    'events',
    'subscription_checkpoints',
    ...rowTables(plan)
      .filter((t) => t.treatment !== 'replace')
      .map((t) => t.table),
  ];
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await target.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
    if (rows[0].any) filled.push(table);
  }
  if (filled.length > 0) {
    throw new CopyRefusedError(`The target is not empty (${filled.join(', ')} have rows): copy into a new, empty database`);
  }
}

/** The app's runners hold leases (rows renewed while they run): a live one means the app is up. */
async function assertNoAppRunning(pool: Pool | PoolClient, side: 'source' | 'target'): Promise<void> {
  const { rows } = await pool.query<{ holder: string }>('SELECT holder FROM leases WHERE expires_at > now() ORDER BY name LIMIT 1');
  if (rows.length > 0) {
    throw new CopyRefusedError(
      `The app is running on the ${side} database (${rows[0].holder} holds a lease): stop it first (the copy needs a log that does not move)`,
    );
  }
}
