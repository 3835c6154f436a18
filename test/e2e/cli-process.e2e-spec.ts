import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { APP_ROOT } from '../../src/database/app-paths';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CLI = join(APP_ROOT, 'dist', 'src', 'cli', 'cli.js');

interface Run {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** The built CLI (`npm run cli`) with exactly the settings given: nothing inherited from the test's environment. */
function runBuiltCli(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: APP_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out: out.trim(), err: err.trim() }));
  });
}

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
