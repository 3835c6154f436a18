import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { jobStreamId } from '../../src/jobs/job.events';
import { bootApp } from '../support/app-harness';
import { writeJobScenario } from '../support/job-scenarios';
import { staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';

/** The admin's session headers, set once the database exists. */
const auth: Record<string, string> = {};
const ZERO = '00000000-0000-4000-8000-000000000000';
const NAMES = ['jobs', 'job_results', 'queue_history', 'workers', 'customers'];

interface StatusBody {
  name: string;
  liveGeneration: number;
  rebuild: unknown;
  rebuildRequestedAt: string | null;
  lag: { events: number; seconds: number } | null;
}

describe('admin API (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let jobId: string;
  let staffOnly: TestSession;
  const http = (): App => app.getHttpServer() as App;
  const statuses = async (): Promise<StatusBody[]> => (await request(http()).get('/api/admin/projections').set(auth).expect(200)).body;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_admin_api');
    Object.assign(auth, (await staffSession(db.pool)).headers);
    staffOnly = await staffSession(db.pool, { role: 'staff' });
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api,projector', SUBSCRIPTION_POLL_MS: '50' });
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
    jobId = await writeJobScenario(store, { directories: 2, outcome: (i) => (i === 0 ? 'retried_then_succeeded' : 'succeeded') });
    await eventually(async () => (await statuses()).every((s) => s.lag?.events === 0), { timeoutMs: 15_000, intervalMs: 50 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 401 without a valid session on every admin endpoint', async () => {
    const endpoints: [string, string][] = [
      ['get', '/api/admin/projections'],
      ['post', '/api/admin/projections/jobs/rebuild'],
      ['post', '/api/admin/projections/jobs/verify'],
      ['get', `/api/jobs/${ZERO}/state?position=1`],
    ];
    for (const [method, path] of endpoints) {
      for (const header of [undefined, `${auth.Authorization}x`]) {
        const test = request(http())[method as 'get'](path);
        const response = await (header ? test.set('Authorization', header) : test).expect(401);
        expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      }
    }
  });

  it('answers 403 naming the admin role to a staff session on rebuild and verify; status stays open to staff', async () => {
    for (const path of ['/api/admin/projections/jobs/rebuild', '/api/admin/projections/jobs/verify']) {
      const response = await request(http()).post(path).set(staffOnly.headers).expect(403);
      expect(response.body).toEqual({ error: 'forbidden', message: expect.stringContaining('admin role') });
    }
    await request(http()).get('/api/admin/projections').set(staffOnly.headers).expect(200);
  });

  it('GET /api/admin/projections: one status per projection', async () => {
    const body = await statuses();
    expect(body.map((s) => s.name)).toEqual(NAMES);
    expect(body[0]).toEqual({
      name: 'jobs',
      codeVersion: 2,
      liveVersion: 2,
      liveGeneration: 1,
      checkpoint: expect.any(String),
      eventsApplied: 4,
      lag: { events: 0, seconds: 0 },
      state: 'live',
      rebuild: null,
      rebuildRequestedAt: null,
      lastRebuildAt: null,
      lastError: null,
    });
  });

  it('POST /api/admin/projections/:name/rebuild: 202, then the projector rebuilds and the generation advances', async () => {
    const response = await request(http()).post('/api/admin/projections/queue_history/rebuild').set(auth).expect(202);
    expect(response.body).toEqual({ projection: 'queue_history', requested: true });
    await eventually(
      async () => {
        const status = (await statuses()).find((s) => s.name === 'queue_history')!;
        return status.liveGeneration === 2 && status.rebuild === null && status.rebuildRequestedAt === null;
      },
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    const rows = await db.pool.query('SELECT count(*)::int AS n FROM queue_history WHERE job_id = $1', [jobId]);
    expect(rows.rows[0].n).toBe(4 + 5 + 3); // job, retried submission, plain submission
  });

  it('an unknown projection is 404 naming the known ones', async () => {
    for (const path of ['/api/admin/projections/nope/rebuild', '/api/admin/projections/nope/verify']) {
      const response = await request(http()).post(path).set(auth).expect(404);
      expect(response.body).toEqual({ error: 'not_found', message: `Unknown projection "nope"; known projections: ${NAMES.join(', ')}` });
    }
  });

  it('POST /api/admin/projections/:name/verify: 200 with the report', async () => {
    const { body } = await request(http()).post('/api/admin/projections/jobs/verify').set(auth).expect(200);
    expect(body).toEqual({
      projection: 'jobs',
      ok: true,
      checkpoint: expect.any(String),
      eventsReplayed: 4,
      problem: null,
      tables: [
        { table: 'jobs', liveRows: 1, replayedRows: 1, missingFromLive: [], missingCount: 0, unexpectedInLive: [], unexpectedCount: 0 },
        {
          table: 'job_stats',
          liveRows: 1,
          replayedRows: 1,
          missingFromLive: [],
          missingCount: 0,
          unexpectedInLive: [],
          unexpectedCount: 0,
        },
      ],
    });
  });

  describe('GET /api/jobs/:id/state', () => {
    const state = (query: string, id = jobId): request.Test => request(http()).get(`/api/jobs/${id}/state${query}`).set(auth);

    it('is the job and its submissions as of a global position or a time (200)', async () => {
      const { events } = await store.readStream(jobStreamId(jobId));
      const started = events.find((e) => e.type === 'JobStarted')!;
      const atStart = await state(`?position=${started.globalPosition}`).expect(200);
      expect(atStart.body).toMatchObject({
        asOf: { position: started.globalPosition.toString() },
        job: { jobId, status: 'in_progress', version: 3, directoryIds: ['dir-1', 'dir-2'] },
        submissions: [
          { directoryId: 'dir-1', status: 'not_scheduled' },
          { directoryId: 'dir-2', status: 'not_scheduled' },
        ],
        lastEvent: { position: started.globalPosition.toString(), type: 'JobStarted' },
      });
      const now = await state(`?at=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).expect(200);
      expect(now.body.job).toMatchObject({ status: 'complete', version: 4 });
      expect(now.body.submissions).toEqual([
        { directoryId: 'dir-1', status: 'succeeded', attempts: 2, lastError: { errorClass: 'transient', message: 'HTTP 503' }, version: 5 },
        { directoryId: 'dir-2', status: 'succeeded', attempts: 1, lastError: null, version: 3 },
      ]);
    });

    it('is 400 for both, neither or a malformed point, or a malformed id', async () => {
      for (const query of [
        '',
        '?position=1&at=2025-01-01',
        '?position=abc',
        '?position=-1',
        '?at=yesterday',
        '?at=2025-02-30',
        '?position=1&position=2',
      ]) {
        const response = await state(query).expect(400);
        expect(response.body).toEqual({ error: 'invalid_as_of', message: expect.stringMatching(/^Invalid query: /) });
      }
      expect((await state('?position=1', 'not-a-uuid').expect(400)).body.error).toBe('invalid_job_id');
    });

    it('is 404 for an unknown job, or a point before the job existed', async () => {
      expect((await state('?position=1', ZERO).expect(404)).body).toEqual({ error: 'not_found', message: `Job ${ZERO} does not exist` });
      const before = await state('?at=2000-01-01T00:00:00Z').expect(404);
      expect(before.body).toEqual({ error: 'not_found', message: `Job ${jobId} did not exist yet at 2000-01-01T00:00:00.000Z` });
    });
  });
});
