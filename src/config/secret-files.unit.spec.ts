import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProblems } from '../../test/support/config-problems';
import { loadConfig } from './app-config';
import { SECRET_SETTINGS } from './secret-files';

const dir = mkdtempSync(join(tmpdir(), 'dbolt-secrets-'));

function secretFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function problemsOf(env: Record<string, string>): string {
  const problems = configProblems(() => loadConfig(env));
  if (problems === '') throw new Error('expected a ConfigError');
  return problems;
}

describe('secret settings from <NAME>_FILE', () => {
  it('reads every secret setting from its file, without the trailing newline', () => {
    const config = loadConfig({
      DATABASE_URL_FILE: secretFile('db', 'postgres://app:s3cret-db@db:5432/app\n'),
      SQS_ACCESS_KEY_ID_FILE: secretFile('sqs-id', 'AKIDFROMFILE'),
      SQS_SECRET_ACCESS_KEY_FILE: secretFile('sqs-secret', 'sqs-secret-from-file\n'),
      REDIS_URL_FILE: secretFile('redis', 'redis://:redis-pass@127.0.0.1:6379\n'),
      EVENTSTORE_URL_FILE: secretFile('esdb', 'esdb://admin:esdb-pass@localhost:2113?tls=false\n'),
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://app:s3cret-db@db:5432/app',
      eventStoreUrl: 'esdb://admin:esdb-pass@localhost:2113?tls=false',
    });
    expect(config.queue.sqs.credentials).toEqual({ accessKeyId: 'AKIDFROMFILE', secretAccessKey: 'sqs-secret-from-file' });
    expect(config.browser.redisUrl).toBe('redis://:redis-pass@127.0.0.1:6379');
  });

  it('counts a DATABASE_URL from a file as a real server (no embedded demo)', () => {
    const path = secretFile('db-only', 'postgres://app@db/app\n');
    expect(loadConfig({ DATABASE_URL_FILE: path }).demo.enabled).toBe(false);
  });

  it('refuses the retired AUTOBOLT_API_KEYS from a file as from the environment, without quoting it', () => {
    const problems = problemsOf({ AUTOBOLT_API_KEYS_FILE: secretFile('keys', 'hunter2-autobolt-key-0123456789\n') });
    expect(problems).toMatch(/AUTOBOLT_API_KEYS is no longer read/);
    expect(problems).not.toContain('hunter2');
  });

  it('refuses a setting given both ways, naming both', () => {
    for (const name of Object.keys(SECRET_SETTINGS)) {
      const problems = problemsOf({ [name]: 'x', [`${name}_FILE`]: secretFile(`both-${name}`, 'y') });
      expect(problems).toContain(`${name} and ${name}_FILE are both set`);
    }
  });

  it('names the path of a file it cannot read, and of an empty one, never any content', () => {
    const missing = join(dir, 'no-such-file');
    expect(problemsOf({ DATABASE_URL_FILE: missing })).toBe(`DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`);
    expect(problemsOf({ REDIS_URL_FILE: dir })).toBe(`REDIS_URL_FILE: cannot read ${dir} (EISDIR)`);
    const empty = secretFile('empty', '\n');
    expect(problemsOf({ SQS_SECRET_ACCESS_KEY_FILE: empty, SQS_ACCESS_KEY_ID: 'AKID' })).toContain(
      `SQS_SECRET_ACCESS_KEY_FILE: ${empty} is empty`,
    );
  });

  it('does not echo a bad secret in the problem it causes', () => {
    const problems = problemsOf({
      DATABASE_URL_FILE: secretFile('bad-db', 'mysql://root:hunter2-db@db/app\n'),
      REDIS_URL_FILE: secretFile('bad-redis', 'http://:hunter2-redis@host\n'),
    });
    expect(problems).toMatch(/DATABASE_URL must start with/);
    expect(problems).toMatch(/REDIS_URL must start with/);
    expect(problems).not.toContain('hunter2');
  });

  it('stops only the commands that use the setting (migrate ignores an unreadable Redis URL file)', () => {
    expect(() => loadConfig({ REDIS_URL_FILE: join(dir, 'gone') }, ['database'])).not.toThrow();
  });
});
