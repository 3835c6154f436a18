import { AccountRepository } from '../../src/auth/accounts/account.repository';
import { verifyPassword } from '../../src/auth/passwords/password-hashing';
import { pipeToBuiltCli, type BuiltCliRun } from '../support/built-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** `npm run cli -- accounts create-admin …` (the built CLI) with `stdin` piped in. */
function createAdmin(db: TestDatabase, stdin: string, ...args: string[]): Promise<BuiltCliRun> {
  return pipeToBuiltCli({ DATABASE_URL: db.url, PATH: process.env.PATH ?? '' }, stdin, 'accounts', 'create-admin', ...args);
}

describe('npm run cli -- accounts create-admin (built CLI, machine PostgreSQL)', () => {
  let db: TestDatabase;
  const storedHash = async (email: string): Promise<string> =>
    (await new AccountRepository({ pool: db.pool }).credentials('staff', email))!.passwordHash;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_cli_accounts');
  });
  afterAll(async () => db?.drop());

  it('creates an admin with the password piped on stdin (one trailing newline dropped)', async () => {
    const run = await createAdmin(db, 'piped-admin-password\n', '--email', 'Root@Ops.test', '--name', 'Root');
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/^created admin root@ops\.test \(id [0-9a-f-]{36}\)$/) });
    expect(run.out).not.toContain('piped-admin-password');
    expect(await verifyPassword('piped-admin-password', await storedHash('root@ops.test'))).toBe(true);
    const { rows } = await db.pool.query("SELECT role, display_name FROM staff_accounts WHERE email = 'root@ops.test'");
    expect(rows).toEqual([{ role: 'admin', display_name: 'Root' }]);
  });

  it('with nothing on stdin, generates a password and prints it once', async () => {
    const run = await createAdmin(db, '', '--email', 'second@ops.test');
    expect(run.code).toBe(0);
    const password = /generated password \(shown once, keep it safe\): (\S+)$/m.exec(run.out)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await verifyPassword(password!, await storedHash('second@ops.test'))).toBe(true);
  });

  it('exits 1 with a clear message on a duplicate email or a short password, creating nothing', async () => {
    const duplicate = await createAdmin(db, 'another-long-password', '--email', 'ROOT@ops.test');
    expect(duplicate).toMatchObject({ code: 1, err: 'no account created: An account with email root@ops.test already exists' });
    const short = await createAdmin(db, 'short', '--email', 'third@ops.test');
    expect(short).toMatchObject({ code: 1, err: 'no account created: Password must be at least 12 characters' });
    const missing = await createAdmin(db, 'a-long-enough-password');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('--email');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM staff_accounts')).rows[0].n).toBe(2);
  });
});
