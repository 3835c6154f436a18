import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { APP_ROOT } from '../../src/database/app-paths';
import { SEED_SQL } from '../support/seed-sql';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CLI = join(APP_ROOT, 'dist', 'src', 'cli', 'cli.js');

interface Exit {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function runProcess(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 }, (error, out, err) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, out, err });
    });
  });
}

/** `npm run migrate` on its own, as an operator runs it before anything else has booted. */
describe('migrate as a process (machine PostgreSQL, built CLI)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_migrate', false);
  });
  afterAll(async () => db?.drop());

  it("leaves a fresh database answering the seed's diagnostic SQL, with no projector ever booted", async () => {
    const env = { DATABASE_URL: db.url };
    const migrated = await runProcess([CLI, 'migrate'], env);
    expect({ code: migrated.code, err: migrated.err }).toEqual({ code: 0, err: '' });
    expect(migrated.out).toMatch(/^applied: 001_event_store, /);

    const answers: Record<string, unknown[]> = {};
    for (const [name, sql] of Object.entries(SEED_SQL)) {
      answers[name] = (await db.pool.query(sql).catch((error: Error) => ({ rows: [`ERROR: ${error.message}`] }))).rows;
    }
    expect(answers).toEqual({ statusCounts: [], orphanedResults: [], staleWorkers: [], duplicateIdempotencyKeys: [], recentHistory: [] });
  });
});
