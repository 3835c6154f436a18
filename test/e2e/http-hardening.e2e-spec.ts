import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bootApp } from '../support/app-harness';
import { staffSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** A staff session's headers, set once the database exists. */
const staff: Record<string, string> = {};
const ORIGIN = 'https://console.example.test';

describe('HTTP hardening (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let plain: INestApplication;
  let withCors: INestApplication;
  const http = (app: INestApplication): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_hardening');
    // Default body limit here: the 413 below is the default's, not a test setting's.
    Object.assign(staff, (await staffSession(db.pool, { role: 'staff' })).headers);
    plain = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', MIGRATE_ON_BOOT: 'false' });
    withCors = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', MIGRATE_ON_BOOT: 'false', CORS_ORIGINS: ORIGIN });
  });
  afterAll(async () => {
    await plain?.close();
    await withCors?.close();
    await db?.drop();
  });

  it('answers a URL over 2,048 characters with 414 and the house error body, before authentication', async () => {
    const path = '/api/jobs/';
    const tooLong = await request(http(plain))
      .get(`${path}${'a'.repeat(2049 - path.length)}`)
      .expect(414);
    expect(tooLong.body).toEqual({ error: 'uri_too_long', message: 'The request URL is 2049 characters long; at most 2048 are accepted' });
    expect(tooLong.headers['x-correlation-id']).toBeDefined();
    // Exactly at the limit the request goes on (to the auth guard).
    await request(http(plain))
      .get(`${path}${'a'.repeat(2048 - path.length)}`)
      .expect(401);
  });

  it('answers a body over the default 10 MB limit with 413 and the house error body', async () => {
    const body = { reason: 'x'.repeat(10 * 1024 * 1024) };
    const response = await request(http(plain)).patch('/api/jobs/00000000-0000-4000-8000-000000000000').set(staff).send(body).expect(413);
    expect(response.body).toEqual({ error: 'payload_too_large', message: 'Request body is larger than the limit of 10485760 bytes' });
  });

  it('rejects unknown JSON fields, naming each by its full path', async () => {
    const body = { directoryId: 'alpha', extra: 1, business: { businessName: 'Acme', email: 'a@acme.test', rogue: true } };
    const response = await request(http(plain)).post('/api/autobolt/test-submissions').set(staff).send(body).expect(400);
    expect(response.body.error).toBe('validation_failed');
    expect(response.body.message).toContain('property extra should not exist');
    expect(response.body.message).toContain('property business.rogue should not exist');
  });

  it('sends helmet security headers on API routes', async () => {
    const response = await request(http(plain)).get('/api/health');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps CORS off unless CORS_ORIGINS is set, and then allows only those origins', async () => {
    const preflight = (app: INestApplication, origin: string): request.Test =>
      request(http(app)).options('/api/jobs/x').set('Origin', origin).set('Access-Control-Request-Method', 'PATCH');
    expect((await preflight(plain, ORIGIN)).headers['access-control-allow-origin']).toBeUndefined();
    expect((await request(http(plain)).get('/api/health').set('Origin', ORIGIN)).headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await preflight(withCors, ORIGIN).expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect((await preflight(withCors, 'https://evil.example.test')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
