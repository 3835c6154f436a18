import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config';
import { Database } from '../../src/database/database';
import { EVENT_STORE, type EventStore, type StreamSlice } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobStreamId } from '../../src/jobs/job.events';
import { bootApp } from '../support/app-harness';
import { seedCatalog } from '../support/jobs-api-suite';
import { staffSession, type TestSession } from '../support/sessions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Holds the first `parties × rounds` reads of job streams until `parties` of them wait, then
 * lets them go together: each request's existence check sees an empty stream (creation reads
 * the stream only there), so both requests go on to append.
 */
function lockstepJobReads(store: EventStore, parties: number, rounds: number): EventStore {
  let gated = parties * rounds;
  let waiting: (() => void)[] = [];
  const barrier = (): Promise<void> =>
    new Promise((resolve) => {
      waiting.push(resolve);
      if (waiting.length < parties) return;
      waiting.forEach((release) => release());
      waiting = [];
    });
  return {
    name: store.name,
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: async (streamId, options): Promise<StreamSlice> => {
      const slice = await store.readStream(streamId, options);
      if (streamId.startsWith('job-') && gated > 0) {
        gated -= 1;
        await barrier();
      }
      return slice;
    },
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: () => store.close(),
  };
}

describe('POST /api/queue/:customerId with one Idempotency-Key twice at once (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  let staff: TestSession;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_jobs_idem');
    await seedCatalog(db);
    staff = await staffSession(db.pool, { role: 'staff' });
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api' }, (builder) =>
      builder.overrideProvider(EVENT_STORE).useFactory({
        inject: [APP_CONFIG, Database],
        factory: (config: AppConfig, database: Database) =>
          lockstepJobReads(
            new PostgresEventStore(database.pool, {
              maxEventBytes: config.maxEventBytes,
              pollIntervalMs: config.subscriptionPollMs,
              listen: true,
            }),
            2,
            1,
          ),
      }),
    );
    await app.listen(0, '127.0.0.1');
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers exactly one 201 and one 200 with the same job when both requests checked before either appended', async () => {
    const post = (): request.Test =>
      request(app.getHttpServer() as App)
        .post('/api/queue/acme')
        .set(staff.headers)
        .set('Idempotency-Key', 'order-race-1');
    const responses = await Promise.all([post(), post()]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const [created, replayed] = responses[0].status === 201 ? responses : [responses[1], responses[0]];
    expect(replayed.body).toEqual(created.body);
    expect(replayed.headers.location).toBe(`/api/jobs/${created.body.jobId}`);
    const { events } = await store.readStream(jobStreamId(created.body.jobId));
    expect(events.filter((e) => e.type === 'JobCreated')).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(['JobCreated', 'JobQueued']);
  });
});
