import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadMigrations } from '../../src/database/migration-runner';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { bootApp } from '../support/app-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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
    app = await bootApp({ DATA_DIR: dataDir });
    const health = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(health.body).toEqual({
      status: 'ok',
      database: { mode: 'embedded', name: 'postgres', server: expect.stringMatching(/^PGlite \(PostgreSQL \d+/) },
      eventStore: 'postgres',
    });
    const store = app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('restart-probe', [{ type: 'ProbeRecorded', data: { n: 1 } }], { expectedVersion: 'no_stream' });
    await app.close();
    app = undefined;

    app = await bootApp({ DATA_DIR: dataDir });
    const after = await app.get<EventStore>(EVENT_STORE).readStream('restart-probe');
    expect(after.version).toBe(1);
    expect(after.events[0]).toMatchObject({ type: 'ProbeRecorded', data: { n: 1 } });
  });
});

describe('the app on the machine PostgreSQL (DATABASE_URL)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_e2e', false);
    app = await bootApp({ DATABASE_URL: db.url, STAFF_API_TOKEN: 'e2e-staff-token-123' });
  });
  afterAll(async () => {
    await app?.close();
    await db.drop();
  });

  it('migrates the empty database at boot and names it in health', async () => {
    const health = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(health.body.database).toEqual({ mode: 'external', name: db.name, server: expect.stringMatching(/^PostgreSQL \d+/) });
    const { rows } = await db.pool.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
  });

  it('answers an unknown route with a 404 and no stack trace', async () => {
    const response = await request(app.getHttpServer()).get('/api/nope').expect(404);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(/);
  });
});
