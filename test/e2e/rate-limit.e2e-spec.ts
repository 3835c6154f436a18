import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { MemoryRateLimitStorage } from '../../src/http/rate-limit/rate-limit-storage';
import { RATE_LIMIT_STORAGE } from '../../src/http/rate-limit/rate-limit.module';
import { closeRedis, connectRedis } from '../../src/shared/redis-client';
import { ApiKeys } from '../../src/auth/api-keys/api-keys.service';
import { bootApp } from '../support/app-harness';
import { staffSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'e2e-rate-limit-api-key-0123456789';
const OTHER_KEY = 'e2e-rate-limit-other-key-0123456789';
const http = (app: INestApplication): App => app.getHttpServer() as App;

describe('rate limits (machine PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let staff: Record<string, string>;
  const apps: INestApplication[] = [];
  const boot = async (env: Record<string, string>, storage?: MemoryRateLimitStorage): Promise<INestApplication> => {
    const app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', MIGRATE_ON_BOOT: 'false', ...env }, (builder) =>
      storage ? builder.overrideProvider(RATE_LIMIT_STORAGE).useValue(storage) : builder,
    );
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_rate_limit');
    // KEY is a stored key with the autobolt scope (as `api-keys import` stores one); OTHER_KEY is unknown.
    const setup = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', MIGRATE_ON_BOOT: 'false' });
    await setup.get(ApiKeys).import('rate-limit', ['autobolt'], [KEY], { kind: 'system', id: 'test' });
    await setup.close();
    staff = { ...(await staffSession(db.pool, { role: 'staff' })).headers };
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.drop();
  });

  it('answers the 101st request of a minute from one IP with 429 and Retry-After, and again after the window', async () => {
    let now = 5_000_000;
    const app = await boot({ RATE_LIMIT_PER_IP: '100', RATE_LIMIT_IP_WINDOW_MS: '60000' }, new MemoryRateLimitStorage(() => now));
    for (let i = 0; i < 100; i += 1) {
      // Unauthenticated on purpose: refused requests count too, the limit comes before the auth guard.
      expect((await request(http(app)).get('/api/queue/acme')).status).toBe(401);
    }
    now += 15_000;
    const refused = await request(http(app)).get('/api/queue/acme').expect(429);
    expect(refused.headers['retry-after']).toBe('45');
    expect(refused.body).toEqual({
      error: 'rate_limited',
      message: 'Too many requests: at most 100 per 60 s per client IP address; retry after 45 s',
      retryAfterSeconds: 45,
    });
    await request(http(app)).get('/api/health').expect(200);
    now += 45_000;
    await request(http(app)).get('/api/queue/acme').expect(401);
  });

  it('limits each API key on its own, on top of the IP limit', async () => {
    const app = await boot({ RATE_LIMIT_PER_API_KEY: '3', RATE_LIMIT_API_KEY_WINDOW_MS: '3600000' }, new MemoryRateLimitStorage());
    const mappings = (headers: Record<string, string>): request.Test =>
      request(http(app)).get('/api/autobolt/dynamic-mapping').set(headers);
    for (let i = 0; i < 3; i += 1) await mappings({ 'X-API-Key': KEY }).expect(200);
    const refused = await mappings({ 'X-API-Key': KEY }).expect(429);
    expect(refused.body.message).toBe(
      `Too many requests: at most 3 per 3600 s per API key; retry after ${refused.headers['retry-after']} s`,
    );
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    await mappings({ 'X-API-Key': OTHER_KEY }).expect(401);
    await mappings(staff).expect(200);
  });

  it('two app processes sharing Redis see one count per IP and per key, and Redis never holds a key', async () => {
    const prefix = `dbolt-test:rate:${randomBytes(4).toString('hex')}:`;
    const env = { REDIS_URL, RATE_LIMIT_REDIS_PREFIX: prefix, RATE_LIMIT_PER_IP: '10', RATE_LIMIT_PER_API_KEY: '4' };
    const [a, b] = [await boot(env), await boot(env)];
    const keyed = (app: INestApplication): request.Test => request(http(app)).get('/api/autobolt/dynamic-mapping').set('X-API-Key', KEY);
    for (const app of [a, b, a, b]) await keyed(app).expect(200);
    await keyed(a).expect(429);
    for (const app of [b, a, b, a]) expect((await request(http(app)).get('/api/queue/acme')).status).toBe(401);
    // 5 keyed + 4 plain from this IP: the 10th passes, the 11th (on either process) does not.
    await request(http(b)).get('/api/queue/acme').expect(401);
    await request(http(a)).get('/api/queue/acme').expect(429);
    await request(http(b)).get('/api/queue/acme').expect(429);
    const redis = await connectRedis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((key) => key.startsWith(`${prefix}api-key:key-`))).toBe(true);
      expect(keys.join('\n')).not.toContain(KEY);
    } finally {
      await closeRedis(redis);
    }
  });
});
