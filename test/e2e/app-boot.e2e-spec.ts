import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Database } from '../../src/database/database';
import { loadMigrations } from '../../src/database/migration-runner';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { bootApp } from '../support/app-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';
import { staffSession } from '../support/sessions';

// Submissions stay scheduled: what runs them (dispatcher, worker) is tested in the pipeline suites.
const NO_WORKER = 'api,projector,reactor';

describe('the app on embedded defaults (no DATABASE_URL)', () => {
  let dataDir: string;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-e2e-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers health naming PGlite, and keeps its events across a restart', async () => {
    app = await bootApp({ DATA_DIR: dataDir, ROLES: NO_WORKER });
    const health = await request(app.getHttpServer()).get('/api/health').expect(200);
    // No worker role here and none elsewhere: serving, but degraded (nothing will submit).
    expect(health.body).toMatchObject({
      status: 'degraded',
      checks: {
        database: { status: 'up', mode: 'embedded', name: 'postgres', server: expect.stringMatching(/^PGlite \(PostgreSQL \d+/) },
        eventStore: { status: 'up', name: 'postgres' },
        queue: { status: 'up', kind: 'postgres' },
        workers: { status: 'degraded', live: 0 },
      },
    });
    const store = app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('restart-probe', [{ type: 'ProbeRecorded', data: { n: 1 } }], { expectedVersion: 'no_stream' });
    await app.close();
    app = undefined;

    app = await bootApp({ DATA_DIR: dataDir, ROLES: NO_WORKER });
    const after = await app.get<EventStore>(EVENT_STORE).readStream('restart-probe');
    expect(after.version).toBe(1);
    expect(after.events[0]).toMatchObject({ type: 'ProbeRecorded', data: { n: 1 } });
  });

  it('takes a job through the API: command, reactions and read models all on PGlite', async () => {
    const pool = app!.get(Database).pool;
    await pool.query(`INSERT INTO directories (id, name, url, submission_url, domain, domain_authority) VALUES
      ('d-1', 'One', 'https://one.test', 'https://one.test/add', 'one.test', 50),
      ('d-2', 'Two', 'https://two.test', 'https://two.test/add', 'two.test', 40)`);
    await pool.query(
      "INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('embedded-1', 'Embedded Co', 'e@x.test', 'growth', 2)",
    );
    const auth = (await staffSession(pool, { role: 'staff' })).headers;
    const created = await request(app!.getHttpServer()).post('/api/queue/embedded-1').set(auth).expect(201);
    const listed = await eventually(
      async () => {
        const response = await request(app!.getHttpServer()).get('/api/queue/embedded-1').set(auth).expect(200);
        return response.body.jobs[0]?.submissions?.total === 2 ? response : null;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: 'both submissions of the job to be listed' },
    );
    expect(listed.body.jobs).toEqual([
      expect.objectContaining({ jobId: created.body.jobId, status: 'queued', priority: 'P2', directoryCount: 2 }),
    ]);
    expect(listed.body.jobs[0].submissions).toMatchObject({ total: 2, byStatus: expect.objectContaining({ scheduled: 2 }) });
  });
});

describe('the app on the machine PostgreSQL (DATABASE_URL)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_e2e', false);
    app = await bootApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('migrates the empty database at boot and names it in health', async () => {
    const health = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(health.body.checks.database).toEqual({
      status: 'up',
      mode: 'external',
      name: db.name,
      server: expect.stringMatching(/^PostgreSQL \d+/),
      responseTime: expect.any(Number),
    });
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it('answers an unknown route with a 404 and no stack trace', async () => {
    const response = await request(app.getHttpServer()).get('/api/nope').expect(404);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(/);
  });
});
