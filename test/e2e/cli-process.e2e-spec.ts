import { runBuiltCli } from '../support/built-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the built CLI asks only for the settings its command uses (machine PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_cli_process', false);
  });
  afterAll(async () => db?.drop());

  it('migrate runs on a fresh database with DATABASE_URL alone: no HTTP setting asked for', async () => {
    const run = await runBuiltCli({ DATABASE_URL: db.url }, 'migrate');
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/^applied: 001_event_store, /) });
    expect(run.err).toBe('');
    const { rows } = await db.pool.query("SELECT to_regclass('public.events') IS NOT NULL AS migrated");
    expect(rows[0].migrated).toBe(true);
  });

  it('retention run needs no HTTP settings either, even with ones an API process would refuse', async () => {
    const run = await runBuiltCli({ DATABASE_URL: db.url, HOST: '0.0.0.0', PORT: 'eighty' }, 'retention', 'run');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
  });

  it('still refuses a database setting migrate uses, naming it', async () => {
    const run = await runBuiltCli({ DATABASE_URL: 'mysql://db/app' }, 'migrate');
    expect(run.code).toBe(1);
    expect(run.err).toContain('DATABASE_URL must start with postgres: or postgresql:');
  });
});
