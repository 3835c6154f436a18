import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CLOCK } from '../../src/shared/clock';
import { bootApp } from '../support/app-harness';
import { staffSession, type TestSession } from '../support/sessions';
import { DAY_MS, HOUR_MS, TestClock } from '../support/test-clock';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ZERO = '00000000-0000-4000-8000-000000000000';
const START = new Date('2026-03-01T12:00:00.000Z');
const AUTOBOLT = '/api/autobolt/dynamic-mapping';

describe('API keys (machine PostgreSQL, a test clock)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let staff: Record<string, string>;
  let admin: TestSession;
  const clock = new TestClock(START);
  const http = (): App => app.getHttpServer() as App;
  const create = (body: object): request.Test => request(http()).post('/api/admin/api-keys').set(staff).send(body);
  const useKey = (key: string, path = AUTOBOLT): request.Test => request(http()).get(path).set('X-API-Key', key);
  const list = async (): Promise<{ id: string; stale: boolean; ageDays: number; status: string }[]> =>
    (await request(http()).get('/api/admin/api-keys').set(staff).expect(200)).body.apiKeys;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_api_keys');
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', API_KEY_ROTATION_GRACE_HOURS: '24', API_KEY_STALE_DAYS: '90' }, (builder) =>
      builder.overrideProvider(CLOCK).useValue(clock),
    );
    await app.listen(0, '127.0.0.1');
    // Signed in at the test clock's start, for longer than the clock moves (91 days).
    admin = await staffSession(db.pool, { role: 'admin', now: START, ttlMinutes: 365 * 24 * 60 });
    staff = { ...admin.headers };
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('creates a key shown once (dbk_, 32 random bytes), stores only its SHA-256 and a short prefix', async () => {
    const created = await create({ name: 'autobolt-extension', scopes: ['autobolt'] }).expect(201);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^dbk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'autobolt-extension',
      scopes: ['autobolt'],
      prefix: key.slice(0, 12),
      version: 1,
      rotatedFrom: null,
      status: 'active',
      createdAt: START.toISOString(),
      createdBy: admin.actor,
      expiresAt: null,
      rotatedAt: null,
      graceEndsAt: null,
      revokedAt: null,
      revokedBy: null,
      lastUsedAt: null,
      ageDays: 0,
      stale: false,
    });
    const stored = await db.pool.query('SELECT row_to_json(a)::text AS row, key_hash FROM api_keys a WHERE id = $1', [apiKey.id]);
    expect(stored.rows[0].key_hash.toString('hex')).toBe(createHash('sha256').update(key).digest('hex'));
    expect(stored.rows[0].row).not.toContain(key.slice(12));
    expect(JSON.stringify(await list())).not.toContain(key.slice(12));
  });

  it('answers 400 naming the problem: name, scopes, an unknown scope, an unknown field, a past or malformed expiry', async () => {
    const cases: [object, string, RegExp][] = [
      [{ scopes: ['autobolt'] }, 'validation_failed', /name must be 1 to 64/],
      [{ name: ' spaced', scopes: ['autobolt'] }, 'validation_failed', /name must be/],
      [{ name: 'k', scopes: [] }, 'validation_failed', /scopes must contain at least 1/],
      [{ name: 'k', scopes: ['autobolt', 'root'] }, 'unknown_scope', /^Unknown scope "root"; known scopes: autobolt, metrics$/],
      [{ name: 'k', scopes: ['autobolt'], admin: true }, 'validation_failed', /property admin should not exist/],
      [{ name: 'k', scopes: ['autobolt'], expiresAt: '2026-03-01T11:00:00Z' }, 'invalid_expiry', /expiresAt must be in the future/],
      [{ name: 'k', scopes: ['autobolt'], expiresAt: 'tomorrow' }, 'validation_failed', /expiresAt must be an ISO-8601/],
    ];
    for (const [body, error, message] of cases) {
      const response = await create(body).expect(400);
      expect(response.body).toMatchObject({ error, message: expect.stringMatching(message) });
    }
    expect((await db.pool.query("SELECT count(*)::int AS n FROM api_keys WHERE name = 'k'")).rows[0].n).toBe(0);
  });

  it('answers 409 for a second current key with the same name', async () => {
    await create({ name: 'twin', scopes: ['autobolt'] }).expect(201);
    const again = await create({ name: 'twin', scopes: ['metrics'] }).expect(409);
    expect(again.body).toEqual({ error: 'api_key_name_taken', message: expect.stringContaining('"twin" already exists') });
  });

  it('answers 401 on every admin endpoint without staff credentials, an API key included', async () => {
    const { key } = (await create({ name: 'not-an-admin', scopes: ['autobolt', 'metrics'] }).expect(201)).body;
    const endpoints: [string, string][] = [
      ['get', '/api/admin/api-keys'],
      ['post', '/api/admin/api-keys'],
      ['post', `/api/admin/api-keys/${ZERO}/rotate`],
      ['delete', `/api/admin/api-keys/${ZERO}`],
    ];
    for (const [method, path] of endpoints) {
      for (const headers of [{}, { 'X-API-Key': key }, { Authorization: `Bearer ${key}` }]) {
        const response = await request(http())[method as 'get'](path).set(headers).expect(401);
        expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
    }
  });

  it('404 for an unknown key id, 400 for one that is not a UUID', async () => {
    for (const test of [
      request(http()).post(`/api/admin/api-keys/${ZERO}/rotate`),
      request(http()).delete(`/api/admin/api-keys/${ZERO}`),
    ]) {
      expect((await test.set(staff).expect(404)).body).toEqual({ error: 'api_key_not_found', message: `No API key ${ZERO}` });
    }
    const bad = await request(http()).delete('/api/admin/api-keys/not-a-uuid').set(staff).expect(400);
    expect(bad.body).toEqual({ error: 'invalid_api_key_id', message: 'An API key id is a UUID' });
  });

  it('a key opens only the routes of its scopes: 403 naming the missing scope; a wrong key is 401', async () => {
    const autobolt = (await create({ name: 'scoped-autobolt', scopes: ['autobolt'] }).expect(201)).body.key;
    const metrics = (await create({ name: 'scraper', scopes: ['metrics'] }).expect(201)).body.key;
    await useKey(autobolt).expect(200);
    await useKey(metrics, '/api/metrics').expect(200);
    expect((await useKey(metrics).expect(403)).body).toEqual({
      error: 'missing_scope',
      message: 'This API key lacks the scope "autobolt" this route requires',
    });
    expect((await useKey(autobolt, '/api/metrics').expect(403)).body).toMatchObject({
      error: 'missing_scope',
      message: expect.stringContaining('"metrics"'),
    });
    for (const wrong of [`${autobolt}x`, autobolt.slice(0, -1), 'dbk_nothing', admin.token]) {
      expect((await useKey(wrong).expect(401)).body).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
    }
  });

  it('create → use → rotate → both work in the grace → past it the old is 401 and the new works → revoke → 401', async () => {
    const first = (await create({ name: 'rotating', scopes: ['autobolt'] }).expect(201)).body;
    await useKey(first.key).expect(200);
    clock.advance(HOUR_MS);
    const rotated = await request(http()).post(`/api/admin/api-keys/${first.apiKey.id}/rotate`).set(staff).expect(201);
    const next = rotated.body;
    expect(next.key).toMatch(/^dbk_/);
    expect(next.key).not.toBe(first.key);
    expect(next.apiKey).toMatchObject({
      name: 'rotating',
      scopes: ['autobolt'],
      version: 2,
      rotatedFrom: first.apiKey.id,
      status: 'active',
    });
    const graceEndsAt = new Date(clock.now().getTime() + 24 * HOUR_MS).toISOString();
    expect(next.previous).toMatchObject({ id: first.apiKey.id, status: 'in_grace', rotatedAt: clock.now().toISOString(), graceEndsAt });
    await useKey(first.key).expect(200);
    await useKey(next.key).expect(200);
    clock.advance(24 * HOUR_MS - 1);
    await useKey(first.key).expect(200);
    clock.advance(1);
    expect((await useKey(first.key).expect(401)).body).toEqual({
      error: 'unauthorized',
      message: expect.stringMatching(/^API key rotated/),
    });
    await useKey(next.key).expect(200);
    const again = await request(http()).post(`/api/admin/api-keys/${first.apiKey.id}/rotate`).set(staff).expect(409);
    expect(again.body).toMatchObject({ error: 'api_key_rotated' });
    const revoked = await request(http()).delete(`/api/admin/api-keys/${next.apiKey.id}`).set(staff).expect(200);
    expect(revoked.body).toMatchObject({
      id: next.apiKey.id,
      status: 'revoked',
      revokedAt: clock.now().toISOString(),
      revokedBy: admin.actor,
    });
    expect((await useKey(next.key).expect(401)).body).toEqual({ error: 'unauthorized', message: 'API key revoked' });
    expect((await request(http()).post(`/api/admin/api-keys/${next.apiKey.id}/rotate`).set(staff).expect(409)).body).toMatchObject({
      error: 'api_key_revoked',
    });
    expect((await request(http()).delete(`/api/admin/api-keys/${next.apiKey.id}`).set(staff).expect(409)).body).toMatchObject({
      error: 'api_key_revoked',
    });
    await create({ name: 'rotating', scopes: ['autobolt'] }).expect(201);
  });

  it('concurrent rotations of one key issue one successor (201), the rest 409; concurrent creates of one name, one key', async () => {
    const { apiKey } = (await create({ name: 'raced', scopes: ['autobolt'] }).expect(201)).body;
    const rotations = await Promise.all(
      Array.from({ length: 5 }, () => request(http()).post(`/api/admin/api-keys/${apiKey.id}/rotate`).set(staff)),
    );
    expect(rotations.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    // The row lock makes the losers see the key already rotated (not trip over the name index).
    expect(rotations.filter((r) => r.status === 409).map((r) => r.body.error)).toEqual(Array(4).fill('api_key_rotated'));
    const creates = await Promise.all(Array.from({ length: 5 }, () => create({ name: 'created-at-once', scopes: ['autobolt'] })));
    expect(creates.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const rows = await db.pool.query(
      "SELECT name, version FROM api_keys WHERE name IN ('raced', 'created-at-once') ORDER BY name, version",
    );
    expect(rows.rows).toEqual([
      { name: 'created-at-once', version: 1 },
      { name: 'raced', version: 1 },
      { name: 'raced', version: 2 },
    ]);
  });

  it('revoking a key inside its grace ends it at once (a leaked key: rotate, then revoke the old one)', async () => {
    const first = (await create({ name: 'leaked', scopes: ['autobolt'] }).expect(201)).body;
    const next = (await request(http()).post(`/api/admin/api-keys/${first.apiKey.id}/rotate`).set(staff).expect(201)).body;
    await request(http()).delete(`/api/admin/api-keys/${first.apiKey.id}`).set(staff).expect(200);
    await useKey(first.key).expect(401);
    await useKey(next.key).expect(200);
  });

  it('an expiring key works until its expiry; its successor gets the same lifetime', async () => {
    const expiresAt = new Date(clock.now().getTime() + 2 * DAY_MS).toISOString();
    const first = (await create({ name: 'expiring', scopes: ['autobolt'], expiresAt }).expect(201)).body;
    expect(first.apiKey.expiresAt).toBe(expiresAt);
    clock.advance(DAY_MS);
    const next = (await request(http()).post(`/api/admin/api-keys/${first.apiKey.id}/rotate`).set(staff).send({}).expect(201)).body;
    expect(next.apiKey.expiresAt).toBe(new Date(clock.now().getTime() + 2 * DAY_MS).toISOString());
    clock.advance(DAY_MS);
    expect((await useKey(first.key).expect(401)).body.message).toBe('API key expired');
    await useKey(next.key).expect(200);
  });

  it('records the last use, and lists every key with its age; usable keys over 90 days old are stale', async () => {
    const fresh = (await create({ name: 'fresh', scopes: ['autobolt'] }).expect(201)).body;
    await useKey(fresh.key).expect(200);
    const used = (await list()).find((key) => key.id === fresh.apiKey.id);
    expect(used).toMatchObject({ lastUsedAt: clock.now().toISOString(), ageDays: 0, stale: false });
    clock.advance(90 * DAY_MS);
    expect((await list()).find((key) => key.id === fresh.apiKey.id)).toMatchObject({ ageDays: 90, stale: false });
    clock.advance(DAY_MS);
    const keys = await list();
    expect(keys.find((key) => key.id === fresh.apiKey.id)).toMatchObject({ ageDays: 91, stale: true, status: 'active' });
    expect(keys.filter((key) => key.status === 'revoked').every((key) => !key.stale)).toBe(true);
    const stale = keys.filter((key) => key.stale).length;
    expect(stale).toBeGreaterThan(1);
    await useKey(fresh.key).expect(200);
    const metrics = (await request(http()).get('/api/metrics').set(staff).expect(200)).text;
    expect(metrics).toContain(`dbolt_api_keys_stale ${stale}\n`);
    expect(metrics).toContain(`dbolt_api_keys{status="revoked"} ${keys.filter((key) => key.status === 'revoked').length}\n`);
  });
});
