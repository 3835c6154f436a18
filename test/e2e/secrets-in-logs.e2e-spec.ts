import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { eventually } from '../support/eventually';
import { staffSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Recognisable test secrets: none may appear in any log line or response of the app. */
const SECRETS = {
  dbPassword: 'Sekr3t-db-pw-7f3a9c',
  password: 'Sekr3t-staff-password-5c1d8e',
  sqsKeyId: 'AKIASEKR3TKEYID7F3A',
  sqsSecret: 'Sekr3t-sqs-secret-9b2e41',
  redisPassword: 'Sekr3t-redis-pw-3e8d0a',
};

/** A JSON log line as its message (and error message); any other line as it is. */
function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  const parsed = JSON.parse(line) as { msg?: string; err?: { message?: string } };
  return [parsed.msg, parsed.err?.message].filter((text) => text !== undefined).join(' ');
}

/** Issued by the run itself (a session token, an API key): searched for too, except in the one answer that hands each out. */
const issued: string[] = [];
const ISSUING = new Set(['sign in', 'issue key']);

interface Exchange {
  readonly what: string;
  readonly status: number;
  readonly text: string;
}

/**
 * The built app with every secret set (some through <NAME>_FILE) runs the demo job against the
 * local sandbox, answers good and failing requests, and stops; then boots that fail on a bad
 * database, Redis or configuration. Every line it printed and every response it gave is searched
 * for the secrets.
 */
describe('secrets never reach logs or responses (built app, machine PostgreSQL)', () => {
  let db: TestDatabase;
  let dir: string;
  const outputs: string[] = [];
  const exchanges: Exchange[] = [];
  const dbUrl = (database: string, port = 5432): string => `postgres://postgres:${SECRETS.dbPassword}@127.0.0.1:${port}/${database}`;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_secrets');
    dir = await mkdtemp(join(tmpdir(), 'dbolt-secrets-'));
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const secretFile = async (name: string, value: string): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, `${value}\n`);
    return path;
  };

  async function call(app: AppProcess, what: string, path: string, init: RequestInit = {}): Promise<Exchange> {
    const response = await fetch(`http://127.0.0.1:${app.port}/api${path}`, init);
    const exchange = { what, status: response.status, text: `${JSON.stringify([...response.headers])}\n${await response.text()}` };
    exchanges.push(exchange);
    return exchange;
  }

  async function failedBoot(env: Record<string, string>): Promise<void> {
    const app = await startAppProcess({ DATA_DIR: dir, ...env });
    expect(await app.exited).toBe(1);
    outputs.push(app.output());
  }

  it('runs a demo job and good and failing requests without printing or answering a secret', async () => {
    const email = 'secrets-admin@ops.test';
    issued.push((await staffSession(db.pool, { role: 'admin', email, password: SECRETS.password })).token);
    const app = await startAppProcess({
      DATA_DIR: dir,
      DATABASE_URL_FILE: await secretFile('db-url', dbUrl(db.name)),
      SQS_ACCESS_KEY_ID: SECRETS.sqsKeyId,
      SQS_SECRET_ACCESS_KEY_FILE: await secretFile('sqs', SECRETS.sqsSecret),
      REDIS_URL: 'redis://127.0.0.1:6379',
      DEMO: 'true',
      DEMO_DIRECTORIES: '3',
      RETRY_BASE_DELAY_MS: '500',
      RETRY_MIN_DELAY_MS: '100',
      // Every line the app can write, as JSON: the most there is to search.
      LOG_LEVEL: 'trace',
      LOG_FORMAT: 'json',
    });
    try {
      await waitForHealth(app);
      const json = { 'content-type': 'application/json' };
      const signedIn = await call(app, 'sign in', '/auth/login', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, password: SECRETS.password }),
      });
      const token = (JSON.parse(signedIn.text.split('\n')[1]) as { token: string }).token;
      issued.push(token);
      const staff = { Authorization: `Bearer ${token}` };
      const created = await call(app, 'issue key', '/admin/api-keys', {
        method: 'POST',
        headers: { ...staff, ...json },
        body: JSON.stringify({ name: 'secrets', scopes: ['autobolt'] }),
      });
      const apiKey = (JSON.parse(created.text.split('\n')[1]) as { key: string }).key;
      issued.push(apiKey);
      const jobs = await eventually(async () => {
        const body = JSON.parse((await call(app, 'demo queue', '/queue/demo-customer', { headers: staff })).text.split('\n')[1]) as {
          jobs?: { jobId: string }[];
        };
        return body.jobs?.length ? body.jobs : null;
      });
      await eventually(
        async () => /"status":"(complete|failed)"/.test((await call(app, 'demo job', `/jobs/${jobs[0].jobId}`, { headers: staff })).text),
        { timeoutMs: 120_000 },
      );
      await call(app, 'job events', `/jobs/${jobs[0].jobId}/events`, { headers: staff });
      await call(app, 'metrics', '/metrics', { headers: staff });
      await call(app, 'mappings by key', '/autobolt/dynamic-mapping', { headers: { 'X-API-Key': apiKey } });
      const failing = [
        await call(app, 'no credentials', '/queue/demo-customer'),
        await call(app, 'wrong password', '/auth/login', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ email, password: `${SECRETS.password}x` }),
        }),
        await call(app, 'wrong token', '/queue/demo-customer', { headers: { Authorization: `Bearer ${token}x` } }),
        await call(app, 'wrong key', '/autobolt/dynamic-mapping', { headers: { 'X-API-Key': `${apiKey}x` } }),
        await call(app, 'malformed JSON', '/queue/demo-customer', {
          method: 'POST',
          headers: { ...staff, 'content-type': 'application/json' },
          body: '{"a":',
        }),
        await call(app, 'unknown field', '/autobolt/test-submissions', {
          method: 'POST',
          headers: { ...staff, 'content-type': 'application/json' },
          body: JSON.stringify({ directoryId: 'x', token: token.length }),
        }),
        await call(app, 'too large', '/jobs/x', {
          method: 'PATCH',
          headers: { ...staff, 'content-type': 'application/json' },
          body: JSON.stringify({ r: 'x'.repeat(11 << 20) }),
        }),
        await call(app, 'too long', `/jobs/${'x'.repeat(2100)}`, { headers: staff }),
        await call(app, 'unknown job', '/jobs/00000000-0000-4000-8000-000000000000', { headers: staff }),
      ];
      expect(failing.map((exchange) => exchange.status)).toEqual([401, 401, 401, 401, 400, 400, 413, 414, 404]);
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
      outputs.push(app.output());
    }
    // The requests with credentials were logged (their access lines are there), without them.
    const lines = app
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; correlationId?: string });
    for (const msg of [
      'POST /api/auth/login 200',
      'POST /api/auth/login 401',
      'GET /api/queue/demo-customer 401',
      'GET /api/autobolt/dynamic-mapping 401',
    ]) {
      expect({ msg, line: lines.find((line) => line.msg === msg) }).toEqual({
        msg,
        line: expect.objectContaining({ correlationId: expect.any(String) }),
      });
    }
  });

  it('fails boots on a bad database, Redis or configuration without printing a secret', async () => {
    await failedBoot({ DATABASE_URL: dbUrl('dbolt_test_secrets_none', 1) });
    await failedBoot({ DATABASE_URL: dbUrl('dbolt_test_secrets_missing') });
    await failedBoot({ DATABASE_URL: `mysql://root:${SECRETS.dbPassword}@127.0.0.1/x` });
    await failedBoot({ DATABASE_URL: dbUrl(db.name), REDIS_URL: `redis://:${SECRETS.redisPassword}@127.0.0.1:6379` });
    await failedBoot({ DATABASE_URL: dbUrl(db.name), DATABASE_URL_FILE: await secretFile('both', dbUrl(db.name)) });
    await failedBoot({ DATABASE_URL: dbUrl(db.name), AUTOBOLT_API_KEYS: `${SECRETS.sqsSecret}-0123456789` });
    await failedBoot({ DATABASE_URL: dbUrl(db.name), SQS_ACCESS_KEY_ID: SECRETS.sqsKeyId });
    // Read as an operator would: a JSON line's message and error message, unescaped.
    const all = outputs
      .flatMap((output) => output.split('\n'))
      .map(readable)
      .join('\n');
    // The boots did fail for the reasons given, and said so.
    expect(all).toMatch(/ECONNREFUSED/);
    expect(all).toContain('database "dbolt_test_secrets_missing" does not exist');
    expect(all).toContain('DATABASE_URL must start with postgres: or postgresql:');
    expect(all).toContain('REDIS_URL is set but Redis did not answer');
    expect(all).toContain('DATABASE_URL and DATABASE_URL_FILE are both set');
    expect(all).toContain('AUTOBOLT_API_KEYS is no longer read');
    expect(all).toContain('SQS_ACCESS_KEY_ID and SQS_SECRET_ACCESS_KEY must be set together');
  });

  it('found none of the secrets in any of it', () => {
    expect(outputs).toHaveLength(8);
    expect(exchanges.length).toBeGreaterThan(10);
    const answers = exchanges.filter((e) => !ISSUING.has(e.what));
    const everything = [...outputs, ...answers.map((e) => `${e.what} ${e.status}\n${e.text}`)].join('\n');
    expect(issued).toHaveLength(3);
    for (const [name, secret] of [...Object.entries(SECRETS), ...issued.map((secret, i) => [`issued ${i}`, secret])]) {
      expect({ name, found: everything.includes(secret) }).toEqual({ name, found: false });
    }
  });
});
