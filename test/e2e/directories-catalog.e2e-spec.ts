import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';
import { bootApp } from '../support/app-harness';
import { eventually } from '../support/eventually';
import { seedCatalog, STACK_TRACE } from '../support/jobs-api-suite';
import { customerSession, staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Outcome = 'succeeded' | 'failed' | 'skipped';

/** A submission's history as a worker would write it, finished at `timestamp`. */
async function writeResult(store: EventStore, directoryId: string, outcome: Outcome, timestamp = new Date().toISOString()): Promise<void> {
  const ids = { jobId: randomUUID(), directoryId };
  const last: SubmissionEvent =
    outcome === 'succeeded'
      ? { type: 'SubmissionSucceeded', data: { ...ids, attempt: 1, listingUrl: null, evidencePath: null } }
      : outcome === 'failed'
        ? { type: 'SubmissionFailed', data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'refused', evidencePath: null } }
        : { type: 'SubmissionSkipped', data: { ...ids, reason: 'duplicate' } };
  const events: SubmissionEvent[] = [
    { type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: `key-${ids.jobId}`, priority: 'P2' } },
    { type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'worker-1', attempt: 1 } },
    last,
  ];
  await store.appendToStream(submissionStreamId(ids.jobId, directoryId), events, { expectedVersion: 'no_stream', timestamp });
}

/** `/api/directories`: the catalog for customers and staff, its upkeep for admins (machine PostgreSQL). */
describe('directory catalog API', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let admin: TestSession;
  let staff: TestSession;
  let customer: TestSession;
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_catalog_api');
    await seedCatalog(db);
    await db.pool.query(
      `UPDATE directories SET form_mapping = '{"email": ["#email"]}', category = 'reviews', difficulty = 'hard', has_captcha = true WHERE id = 'd-90'`,
    );
    await db.pool.query(
      `UPDATE directories SET learned_mapping = '{"email": ["#mail"]}', category = 'reviews', requires_login = true WHERE id = 'd-80'`,
    );
    [admin, staff, customer] = [
      await staffSession(db.pool),
      await staffSession(db.pool, { role: 'staff' }),
      await customerSession(db.pool, 'acme'),
    ];
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api,projector', SUBSCRIPTION_POLL_MS: '50', DIRECTORY_SUCCESS_WINDOW_DAYS: '30' });
    await app.listen(0, '127.0.0.1');
    const store = app.get<EventStore>(EVENT_STORE);
    const longAgo = new Date(Date.now() - 40 * 86_400_000).toISOString();
    for (const outcome of ['succeeded', 'succeeded', 'failed', 'skipped'] as const) await writeResult(store, 'd-90', outcome);
    await writeResult(store, 'd-90', 'failed', longAgo);
    await writeResult(store, 'd-70', 'failed');
    await eventually(async () => {
      const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM job_results`);
      return rows[0].n === 6 ? true : null;
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 401 without a session', async () => {
    await request(http()).get('/api/directories').expect(401);
    await request(http()).get('/api/directories/d-90').expect(401);
    await request(http()).post('/api/directories').send({}).expect(401);
  });

  it('lists each directory with its mapping status and its success rate over the window (skips and old results left out)', async () => {
    const { body } = await request(http()).get('/api/directories').set(staff.headers).expect(200);
    expect(body.directories.map((d: { id: string }) => d.id)).toEqual(['d-60', 'd-70', 'd-80', 'd-90', 'd-99-off', 'd-null']);
    const byId = new Map<string, Record<string, unknown>>(body.directories.map((d: { id: string }) => [d.id, d]));
    expect(byId.get('d-90')).toMatchObject({
      name: 'Ninety',
      url: 'https://d90.test',
      submissionUrl: 'https://d90.test/add',
      domain: 'd90.test',
      domainAuthority: 90,
      category: 'reviews',
      difficulty: 'hard',
      hasCaptcha: true,
      requiresLogin: false,
      active: true,
      mappingStatus: 'curated',
      recentSuccess: { windowDays: 30, succeeded: 2, finished: 3, rate: 0.6667 },
    });
    expect(byId.get('d-80')).toMatchObject({
      mappingStatus: 'learned',
      requiresLogin: true,
      recentSuccess: { succeeded: 0, finished: 0, rate: null },
    });
    expect(byId.get('d-70')).toMatchObject({ mappingStatus: 'none', recentSuccess: { succeeded: 0, finished: 1, rate: 0 } });
    expect(body.next).toBeNull();
  });

  it('filters by category, difficulty, flags and active, and pages by id', async () => {
    const ids = async (query: string, session = staff): Promise<string[]> =>
      (await request(http()).get(`/api/directories?${query}`).set(session.headers).expect(200)).body.directories.map(
        (d: { id: string }) => d.id,
      );
    expect(await ids('category=reviews')).toEqual(['d-80', 'd-90']);
    expect(await ids('difficulty=hard')).toEqual(['d-90']);
    expect(await ids('requiresLogin=true')).toEqual(['d-80']);
    expect(await ids('hasCaptcha=false&category=reviews')).toEqual(['d-80']);
    expect(await ids('active=false')).toEqual(['d-99-off']);
    const first = await request(http()).get('/api/directories?limit=2').set(staff.headers).expect(200);
    expect(first.body.directories.map((d: { id: string }) => d.id)).toEqual(['d-60', 'd-70']);
    expect(first.body.next).toBe('d-70');
    expect(await ids(`limit=2&after=${first.body.next}`)).toEqual(['d-80', 'd-90']);
  });

  it('shows customers the active directories only', async () => {
    const { body } = await request(http()).get('/api/directories').set(customer.headers).expect(200);
    expect(body.directories.map((d: { id: string }) => d.id)).not.toContain('d-99-off');
    expect(body.directories).toHaveLength(5);
    await request(http()).get('/api/directories/d-99-off').set(customer.headers).expect(404);
    expect((await request(http()).get('/api/directories/d-99-off').set(staff.headers).expect(200)).body.active).toBe(false);
    await request(http()).get('/api/directories/d-90').set(customer.headers).expect(200);
  });

  it('refuses bad filters and ids with 400, an unknown directory with 404', async () => {
    for (const query of ['difficulty=extreme', 'active=yes', 'limit=0', 'limit=101', 'after=bad%20id', 'rogue=1']) {
      const { body } = await request(http()).get(`/api/directories?${query}`).set(staff.headers).expect(400);
      expect(JSON.stringify(body)).not.toMatch(STACK_TRACE);
    }
    await request(http()).get('/api/directories/bad%20id!').set(staff.headers).expect(400);
    expect((await request(http()).get('/api/directories/nope').set(staff.headers).expect(404)).body).toEqual({
      error: 'directory_not_found',
      message: 'No directory "nope" in the catalog',
    });
  });

  describe('admin writes', () => {
    const create = (body: object, session = admin): request.Test =>
      request(http()).post('/api/directories').set(session.headers).send(body);

    it('creates a directory (markup stripped, domain from the submission URL); a taken id is 409', async () => {
      const created = await create({
        id: 'new-dir',
        name: '<b>New</b> Dir',
        url: 'https://new.test',
        submissionUrl: 'https://Add.New.test/form',
        category: 'local',
        difficulty: 'easy',
        domainAuthority: 40,
      }).expect(201);
      expect(created.headers.location).toBe('/api/directories/new-dir');
      expect(created.body).toMatchObject({
        id: 'new-dir',
        name: 'New Dir',
        domain: 'add.new.test',
        category: 'local',
        difficulty: 'easy',
        domainAuthority: 40,
        requiresLogin: false,
        hasCaptcha: false,
        active: true,
        mappingStatus: 'none',
        recentSuccess: { finished: 0, rate: null },
      });
      expect(
        (await create({ id: 'new-dir', name: 'Again', url: 'https://x.test', submissionUrl: 'https://x.test/a' }).expect(409)).body.error,
      ).toBe('already_exists');
    });

    it('refuses invalid input and URLs outside the directory URL fence with 400, writing nothing', async () => {
      const base = { id: 'fenced', name: 'Fenced', url: 'https://fenced.test', submissionUrl: 'https://fenced.test/add' };
      const refused = await create({ ...base, submissionUrl: 'http://169.254.169.254/latest' }).expect(400);
      expect(refused.body).toMatchObject({ error: 'destination_refused', message: expect.stringContaining('submissionUrl: refused') });
      await create({ ...base, url: 'http://10.1.2.3/' }).expect(400);
      for (const bad of [
        { ...base, url: 'ftp://x.test' },
        { ...base, id: 'bad id' },
        { ...base, difficulty: 'extreme' },
        { ...base, domainAuthority: 101 },
        { ...base, name: '   ' },
        { ...base, formMapping: {} },
        { name: 'no id' },
      ]) {
        const { body } = await create(bad).expect(400);
        expect(body.error).toBe('validation_failed');
      }
      await request(http()).get('/api/directories/fenced').set(admin.headers).expect(404);
    });

    it('edits a directory: 404 unknown, 400 for nothing to change or a fenced URL', async () => {
      const patched = await request(http())
        .patch('/api/directories/d-60')
        .set(admin.headers)
        .send({ name: 'Sixty Two', submissionUrl: 'https://sixty.test/add', domainAuthority: null, requiresLogin: true })
        .expect(200);
      expect(patched.body).toMatchObject({
        id: 'd-60',
        name: 'Sixty Two',
        domain: 'sixty.test',
        domainAuthority: null,
        requiresLogin: true,
      });
      await request(http()).patch('/api/directories/nope').set(admin.headers).send({ name: 'X' }).expect(404);
      await request(http()).patch('/api/directories/d-60').set(admin.headers).send({}).expect(400);
      await request(http()).patch('/api/directories/d-60').set(admin.headers).send({ url: 'http://127.0.0.9/' }).expect(400);
      await request(http()).patch('/api/directories/d-60').set(admin.headers).send({ id: 'renamed' }).expect(400);
    });

    it('deletes a directory no job used, deactivates one jobs refer to; 404 for an unknown one', async () => {
      await create({ id: 'unused', name: 'Unused', url: 'https://unused.test', submissionUrl: 'https://unused.test/add' }).expect(201);
      expect((await request(http()).delete('/api/directories/unused').set(admin.headers).expect(200)).body).toEqual({
        id: 'unused',
        outcome: 'deleted',
      });
      await request(http()).get('/api/directories/unused').set(admin.headers).expect(404);
      expect((await request(http()).delete('/api/directories/d-70').set(admin.headers).expect(200)).body).toEqual({
        id: 'd-70',
        outcome: 'deactivated',
      });
      expect((await request(http()).get('/api/directories/d-70').set(admin.headers).expect(200)).body).toMatchObject({
        active: false,
        recentSuccess: { finished: 1 },
      });
      await request(http()).delete('/api/directories/nope').set(admin.headers).expect(404);
    });

    it('answers 403 to staff and customers on every write', async () => {
      for (const session of [staff, customer]) {
        const body = { id: 'nope-dir', name: 'N', url: 'https://n.test', submissionUrl: 'https://n.test/a' };
        await request(http()).post('/api/directories').set(session.headers).send(body).expect(403);
        await request(http()).patch('/api/directories/d-90').set(session.headers).send({ name: 'X' }).expect(403);
        await request(http()).delete('/api/directories/d-90').set(session.headers).expect(403);
      }
      expect((await request(http()).get('/api/directories/d-90').set(admin.headers).expect(200)).body).toMatchObject({
        name: 'Ninety',
        active: true,
      });
    });
  });
});
