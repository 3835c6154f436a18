import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, runMigrations } from '../../src/database/migration-runner';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('migration runner (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    db = await createTestDatabase('dbolt_test_migrations', false);
    dir = await mkdtemp(join(tmpdir(), 'dbolt-migrations-'));
    await writeFile(join(dir, '001_first.sql'), 'CREATE TABLE first_table (id int PRIMARY KEY);');
    await writeFile(join(dir, '002_second.sql'), 'CREATE TABLE second_table (id int PRIMARY KEY);');
  });
  afterEach(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies pending files once, in order, and is idempotent', async () => {
    expect(await runMigrations(db.pool, dir)).toEqual(['001_first', '002_second']);
    expect(await runMigrations(db.pool, dir)).toEqual([]);
    await writeFile(join(dir, '003_third.sql'), 'CREATE TABLE third_table (id int);');
    expect(await runMigrations(db.pool, dir)).toEqual(['003_third']);
  });

  it('runs each file in a transaction: a failing file leaves nothing of itself behind', async () => {
    await writeFile(join(dir, '003_broken.sql'), 'CREATE TABLE half_done (id int); SELECT no_such_function();');
    await expect(runMigrations(db.pool, dir)).rejects.toThrow(/no_such_function/);
    const { rows } = await db.pool.query("SELECT to_regclass('half_done') AS t, (SELECT count(*) FROM schema_migrations)::int AS n");
    expect(rows[0]).toEqual({ t: null, n: 2 });
  });

  it('refuses a landed migration whose file was edited', async () => {
    await runMigrations(db.pool, dir);
    await writeFile(join(dir, '001_first.sql'), 'CREATE TABLE first_table (id bigint PRIMARY KEY);');
    await expect(runMigrations(db.pool, dir)).rejects.toThrow(/001_first was edited after it was applied/);
  });

  it('migrates exactly once when several processes boot at the same moment', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => runMigrations(db.pool, dir)));
    expect(results.flat().sort()).toEqual(['001_first', '002_second']);
  });

  it('refuses badly named or duplicate-numbered files', async () => {
    await writeFile(join(dir, 'cleanup.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/not named NNN_snake_case.sql/);
    await rm(join(dir, 'cleanup.sql'));
    await writeFile(join(dir, '002_again.sql'), 'SELECT 1;');
    await expect(loadMigrations(dir)).rejects.toThrow(/share the number 002/);
  });
});
