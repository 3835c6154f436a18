import { Pool } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { poolOptions } from '../../src/database/pool-options';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** `n` queries at once, each holding its connection until all have one: the pool must open n. */
async function burst(pool: Pool, n: number): Promise<void> {
  await Promise.all(Array.from({ length: n }, () => pool.query('SELECT pg_sleep(0.05)')));
}

describe('the app pool on the machine PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_pool', false);
  });
  afterEach(async () => {
    await pool?.end();
    pool = undefined;
  });
  afterAll(() => db.drop());

  const openPool = (env: Record<string, string>): { pool: Pool; opened: () => number } => {
    const config = loadConfig({ DATABASE_URL: db.url, ...env });
    const created = new Pool(poolOptions(config, db.url));
    let connects = 0;
    created.on('connect', () => connects++);
    pool = created;
    return { pool: created, opened: () => connects };
  };

  it('keeps DB_POOL_MIN connections through idle time and closes the rest after DB_POOL_IDLE_TIMEOUT_MS', async () => {
    const { pool: app, opened } = openPool({ DB_POOL_MIN: '2', DB_POOL_IDLE_TIMEOUT_MS: '150' });
    await burst(app, 4);
    expect(opened()).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(app.totalCount).toBe(2);
    // The next burst within the kept connections opens none: no connection startup on its path.
    await burst(app, 2);
    expect(opened()).toBe(4);
  });

  it("by default keeps a burst's connections for a minute, not pg's 10 s", async () => {
    const { pool: app } = openPool({});
    expect(app.options).toMatchObject({ max: 10, min: 2, idleTimeoutMillis: 60_000, application_name: 'directorybolt' });
    await burst(app, 3);
    expect(app.totalCount).toBe(3);
    expect(app.idleCount).toBe(3);
  });

  it('DB_POOL_IDLE_TIMEOUT_MS=0 keeps every connection', async () => {
    const { pool: app } = openPool({ DB_POOL_MIN: '0', DB_POOL_IDLE_TIMEOUT_MS: '0' });
    await burst(app, 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.totalCount).toBe(3);
  });
});
