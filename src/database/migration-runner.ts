import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS_DIR } from './app-paths';

export interface MigrationFile {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.sql$/;
/** Any fixed number: it only has to be the same in every process that migrates. */
const MIGRATION_LOCK_KEY = 7_304_512_001;

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  for (const file of names) {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new Error(`Migration file "${file}" is not named NNN_snake_case.sql`);
    const sql = await readFile(join(dir, file), 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    files.push({ version: match[1], name: match[2], sql, checksum });
  }
  const versions = files.map((f) => f.version);
  const duplicate = versions.find((v, i) => versions.indexOf(v) !== i);
  if (duplicate) throw new Error(`Two migration files share the number ${duplicate}`);
  return files;
}

/**
 * Applies every pending migration, each in its own transaction, under an advisory lock so that
 * several processes booting at once migrate exactly once. A landed migration whose file changed
 * is refused: migrations are never edited once applied.
 */
export async function runMigrations(pool: Pool, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  const client = await pool.connect();
  try {
    await inLockedTransaction(client, () =>
      client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())`),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (await applyOne(client, migration)) applied.push(`${migration.version}_${migration.name}`);
    }
    return applied;
  } finally {
    client.release();
  }
}

/** Even CREATE TABLE IF NOT EXISTS races between processes, so everything runs under the lock. */
async function inLockedTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function applyOne(client: PoolClient, migration: MigrationFile): Promise<boolean> {
  const appliedChecksum = await inLockedTransaction(client, async () => {
    const { rows } = await client.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [
      migration.version,
    ]);
    if (rows.length > 0) return rows[0].checksum;
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
    return null;
  });
  if (appliedChecksum === null) return true;
  assertUnchanged(migration, appliedChecksum);
  return false;
}

function assertUnchanged(migration: MigrationFile, appliedChecksum: string): void {
  if (appliedChecksum !== migration.checksum) {
    throw new Error(`Migration ${migration.version}_${migration.name} was edited after it was applied; add a new migration instead`);
  }
}
