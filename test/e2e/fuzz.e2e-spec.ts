import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import { Agent } from 'node:http';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { malformedRequest, type FuzzCredentials, type MalformedRequest } from '../support/fuzz/malformed-requests';
import { sendRaw, type RawResponse } from '../support/fuzz/raw-http';
import { mountedRoutes } from '../support/fuzz/route-table';
import { stateFingerprint } from '../support/fuzz/state-fingerprint';
import { STACK_TRACE, seedCatalog } from '../support/jobs-api-suite';
import { staffSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** `FUZZ_RUNS` / `FUZZ_SEED` make the bigger run (`npm run fuzz`) and replay a failure. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const BODY_LIMIT = 64 * 1024;
const credentials: { staff: Record<string, string>; apiKey: Record<string, string> } = { staff: {}, apiKey: {} };
const CREDENTIALS: FuzzCredentials = credentials;
/** The session token and the key: neither may ever come back in a body. */
const secrets: string[] = [];
/** PostgreSQL's own error wording in a body means a driver error reached the client (echoed input may hold SQL). */
const SQL_TEXT =
  /syntax error at or near|relation "|column "|violates [\w-]+ constraint|duplicate key value|invalid input syntax for|invalid byte sequence|SQLSTATE|current transaction is aborted/i;

/** What any answer to a malformed request must satisfy; null when it does. */
function fault(message: MalformedRequest, response: RawResponse): string | null {
  const body = response.body;
  if (response.status === 0) return `no HTTP answer (${body})`;
  if (response.status >= 500) return `status ${response.status}: ${body.slice(0, 300)}`;
  if (STACK_TRACE.test(body)) return `stack trace in the body: ${body.slice(0, 300)}`;
  if (SQL_TEXT.test(body)) return `SQL text in the body: ${body.slice(0, 300)}`;
  if (secrets.some((secret) => body.includes(secret))) return 'a secret in the body';
  if (response.status >= 400 && !/json/.test(response.contentType) && message.method !== 'HEAD')
    return `error without a JSON body (${response.contentType})`;
  return null;
}

describe(`fuzzing every route with ${RUNS} malformed requests (seed ${SEED})`, () => {
  let db: TestDatabase;
  let app: INestApplication;
  let base: URL;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_fuzz');
    await seedCatalog(db);
    // An admin: malformed input must be refused past every guard, the admin ones too.
    const admin = await staffSession(db.pool, { role: 'admin' });
    credentials.staff = { ...admin.headers };
    secrets.push(admin.token);
    app = await bootApp({
      DATABASE_URL: db.url,
      HTTP_BODY_LIMIT_BYTES: String(BODY_LIMIT),
      ROLES: 'api,projector',
      SUBSCRIPTION_POLL_MS: '50',
    });
    await app.listen(0, '127.0.0.1');
    base = new URL(await app.getUrl());
    const http = app.getHttpServer() as App;
    const issued = await request(http)
      .post('/api/admin/api-keys')
      .set(CREDENTIALS.staff)
      .send({ name: 'fuzz', scopes: ['autobolt', 'metrics'] })
      .expect(201);
    credentials.apiKey = { 'x-api-key': issued.body.key };
    secrets.push(issued.body.key);
    // Something in every read model, so "unchanged" means something.
    await request(http).post('/api/queue/acme').set(CREDENTIALS.staff).expect(201);
    await eventually(async () => (await db.pool.query(`SELECT 1 FROM jobs`)).rowCount === 1);
  });
  afterAll(async () => {
    agent.destroy();
    await app?.close();
    await db?.drop();
  });

  it('refuses a body nested 3,000 levels deep with a 400 (it once overflowed the stack: a 500)', async () => {
    const deep = `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`;
    const response = await request(app.getHttpServer() as App)
      .post('/api/autobolt/test-submissions')
      .set(CREDENTIALS.apiKey)
      .set('content-type', 'application/json')
      .send(deep);
    expect({ status: response.status, body: response.body }).toEqual({
      status: 400,
      body: { error: 'body_too_deep', message: 'Request body nests deeper than 32 levels' },
    });
  });

  it(
    'answers each with a 4xx naming the problem or a harmless read: no 5xx, stack, SQL or secret; nothing written',
    async () => {
      // Signing out is what a valid session asks for, whatever else the request holds: it would end the fuzzer's own session.
      const routes = mountedRoutes(app).filter((route) => route.path !== '/api/auth/logout');
      expect(routes.length).toBeGreaterThan(20);
      const before = await stateFingerprint(db.pool);
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(malformedRequest(routes, CREDENTIALS, BODY_LIMIT), async (message) => {
          const response = await sendRaw(agent, base, message);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = fault(message, response);
          if (problem) throw new Error(problem);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      process.stdout.write(
        `fuzz: ${RUNS} requests over ${routes.length} routes, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`,
      );
      expect(await stateFingerprint(db.pool)).toEqual(before);
    },
    30 * 60_000,
  );
});
