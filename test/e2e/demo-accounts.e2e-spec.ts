import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DEMO_ADMIN } from '../../src/demo/demo-accounts';
import { bootApp } from '../support/app-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The demo's public passwords exist only where nothing else can reach the API. */
describe('demo accounts (machine PostgreSQL, DEMO=true, API role only)', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  const emails = async (): Promise<string[]> =>
    (
      await db.pool.query<{ email: string }>('SELECT email FROM staff_accounts UNION ALL SELECT email FROM customer_logins ORDER BY 1')
    ).rows.map((r) => r.email);

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_demo_accounts');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => db?.drop());

  it('creates none when HOST is not a loopback address', async () => {
    app = await bootApp({ DATABASE_URL: db.url, DEMO: 'true', DEMO_DIRECTORIES: '2', HOST: '0.0.0.0', ROLES: 'api' });
    expect(await emails()).toEqual([]);
  });

  it('creates the demo admin and customer login on a loopback HOST, once across boots, and the admin can sign in', async () => {
    for (let boot = 0; boot < 2; boot += 1) {
      await app?.close();
      app = await bootApp({ DATABASE_URL: db.url, DEMO: 'true', DEMO_DIRECTORIES: '2', HOST: '127.0.0.1', ROLES: 'api' });
    }
    expect(await emails()).toEqual(['demo-admin@directorybolt.test', 'demo-customer@directorybolt.test']);
    await request(app!.getHttpServer() as App)
      .post('/api/auth/login')
      .send(DEMO_ADMIN)
      .expect(200);
  });
});
