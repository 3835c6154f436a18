import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CatalogTooSmallError } from '../../src/directories/directory-catalog.repository';
import { WrongExpectedVersionError } from '../../src/event-store/event-store.errors';
import { EVENT_STORE, type EventStore, type StreamSlice } from '../../src/event-store/event-store.port';
import { CancelJobCommand } from '../../src/jobs/cancel-job/cancel-job.command';
import type { CommandContext } from '../../src/shared/command-context';
import { CreateJobCommand } from '../../src/jobs/create-job/create-job.command';
import { OverrideJobStatusCommand } from '../../src/jobs/override-job-status/override-job-status.command';
import { OverrideJobStatusHandler } from '../../src/jobs/override-job-status/override-job-status.handler';
import { jobStreamId } from '../../src/jobs/job.events';
import { DomainError } from '../../src/shared/decider';
import { deterministicUuid } from '../../src/shared/deterministic-id';
import { bootApp } from '../support/app-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const context = (correlationId: string, staffId = 'carol'): CommandContext => ({
  actor: { kind: 'staff', id: staffId },
  correlationId,
  causationId: correlationId,
  timestamp: '2026-03-01T12:00:00.000Z',
});

describe('job command handlers through the CommandBus (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let bus: CommandBus;
  let store: EventStore;

  const version = async (jobId: string): Promise<number> => (await store.readStream(jobStreamId(jobId))).version;
  const expectRejection = async (work: Promise<unknown>): Promise<unknown> => {
    const outcome = await work.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    expect(outcome).not.toBe('resolved');
    return outcome;
  };

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_job_commands');
    await db.pool.query(`INSERT INTO directories (id, name, url, submission_url, domain, domain_authority, active) VALUES
      ('b-50', 'B', 'https://b.test', 'https://b.test/add', 'b.test', 50, true),
      ('a-50', 'A', 'https://a.test', 'https://a.test/add', 'a.test', 50, true),
      ('c-null', 'C', 'https://c.test', 'https://c.test/add', 'c.test', NULL, true),
      ('d-95', 'D', 'https://d.test', 'https://d.test/add', 'd.test', 95, true),
      ('e-99-off', 'E', 'https://e.test', 'https://e.test/add', 'e.test', 99, false)`);
    await db.pool
      .query(`INSERT INTO customers (id, business_name, email, phone, website, city, contact_name, package_tier, package_size) VALUES
      ('ent', 'Enterprise Inc', 'ceo@ent.test', '+1 555 0199', 'https://ent.test', 'Gotham', 'Bruce', 'enterprise', 4),
      ('huge', 'Huge Co', 'ops@huge.test', '', '', '', '', 'growth', 5)`);
    await db.pool.query(`INSERT INTO customers (id, business_name, email, address, address2, package_tier, package_size) VALUES
      ('suite', 'Suite Co', 'hi@suite.test', '1 Main St', 'Suite 400', 'starter', 1)`);
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api' });
    bus = app.get(CommandBus);
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('snapshots the second address line of a customer who has one, for the forms that ask it apart', async () => {
    const result = await bus.execute(new CreateJobCommand('suite', null, context('corr-a2')));
    const { events } = await store.readStream(jobStreamId(result.jobId));
    expect(events[0].data).toMatchObject({ business: { address: '1 Main St', address2: 'Suite 400' } });
  });

  it('creates a job: best active directories, snapshot of the customer, priority of the tier, metadata on every event', async () => {
    const result = await bus.execute(new CreateJobCommand('ent', null, context('corr-1')));
    expect(result).toMatchObject({ status: 'queued', priority: 'P1', directoryCount: 4, version: 2, created: true });
    const { events } = await store.readStream(jobStreamId(result.jobId));
    expect(events.map((e) => e.type)).toEqual(['JobCreated', 'JobQueued']);
    expect(events[0].data).toEqual({
      jobId: result.jobId,
      customerId: 'ent',
      packageTier: 'enterprise',
      priority: 'P1',
      directoryIds: ['d-95', 'a-50', 'b-50', 'c-null'],
      business: {
        businessName: 'Enterprise Inc',
        email: 'ceo@ent.test',
        phone: '+1 555 0199',
        website: 'https://ent.test',
        address: '',
        city: 'Gotham',
        state: '',
        zip: '',
        country: 'US',
        category: '',
        description: '',
        contactName: 'Bruce',
      },
    });
    for (const event of events) {
      expect(event.metadata).toMatchObject({
        actor: { kind: 'staff', id: 'carol' },
        correlationId: 'corr-1',
        causationId: 'corr-1',
        timestamp: '2026-03-01T12:00:00.000Z',
      });
    }
  });

  it('an Idempotency-Key retry, sequential or concurrent, finds the same job and appends nothing more', async () => {
    const first = await bus.execute(new CreateJobCommand('ent', 'key-1', context('corr-2')));
    expect(first.jobId).toBe(deterministicUuid('job', 'ent', 'key-1'));
    const retry = await bus.execute(new CreateJobCommand('ent', 'key-1', context('corr-3')));
    expect(retry).toEqual({ ...first, created: false });
    const racing = await Promise.all([1, 2, 3].map(() => bus.execute(new CreateJobCommand('ent', 'key-2', context('corr-4')))));
    expect(new Set(racing.map((r) => r.jobId)).size).toBe(1);
    expect(await version(racing[0].jobId)).toBe(2);
    expect(await version(first.jobId)).toBe(2);
  });

  it('refuses an unknown customer with NOT_FOUND', async () => {
    const error = await expectRejection(bus.execute(new CreateJobCommand('ghost', 'key-3', context('corr-5'))));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Customer ghost does not exist' });
  });

  it('refuses a package larger than the active catalog, appending nothing', async () => {
    const error = await expectRejection(bus.execute(new CreateJobCommand('huge', 'key-4', context('corr-6'))));
    expect(error).toBeInstanceOf(CatalogTooSmallError);
    expect(error).toMatchObject({ required: 5, available: 4, message: expect.stringContaining('only 4 active directories exist') });
    expect(await version(deterministicUuid('job', 'huge', 'key-4'))).toBe(0);
  });

  it('overrides at the version seen; a stale version throws WrongExpectedVersionError and appends nothing', async () => {
    const { jobId } = await bus.execute(new CreateJobCommand('ent', null, context('corr-7')));
    const done = await bus.execute(new OverrideJobStatusCommand(jobId, 'in_progress', 'picked up by hand', 2, context('corr-8', 'dave')));
    expect(done).toEqual({ jobId, status: 'in_progress', version: 3 });
    const error = await expectRejection(bus.execute(new OverrideJobStatusCommand(jobId, 'failed', 'late', 2, context('corr-9'))));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ expected: 2, actual: 3 });
    const { events } = await store.readStream(jobStreamId(jobId));
    expect(events.map((e) => e.type)).toEqual(['JobCreated', 'JobQueued', 'JobStatusOverridden']);
    expect(events[2]).toMatchObject({
      data: { from: 'queued', to: 'in_progress', staffId: 'dave' },
      metadata: { correlationId: 'corr-8' },
    });
  });

  it('when both writers read the same version before either appends, the store lets exactly one win', async () => {
    const { jobId } = await bus.execute(new CreateJobCommand('ent', null, context('corr-10')));
    const handler = new OverrideJobStatusHandler(readBarrier(store, 2));
    const outcomes = await Promise.allSettled([
      handler.execute(new OverrideJobStatusCommand(jobId, 'complete', 'A', 2, context('corr-a', 'a'))),
      handler.execute(new OverrideJobStatusCommand(jobId, 'failed', 'B', 2, context('corr-b', 'b'))),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(rejected.reason).toBeInstanceOf(WrongExpectedVersionError);
    const { events } = await store.readStream(jobStreamId(jobId));
    expect(events.filter((e) => e.type === 'JobStatusOverridden')).toHaveLength(1);
  });

  it('cancels, and maps a version given for a job that does not exist to NOT_FOUND', async () => {
    const { jobId } = await bus.execute(new CreateJobCommand('ent', null, context('corr-11')));
    expect(await bus.execute(new CancelJobCommand(jobId, 'refund', 2, context('corr-12')))).toEqual({
      jobId,
      status: 'cancelled',
      version: 3,
    });
    const missing = deterministicUuid('job', 'nobody', 'nothing');
    const error = await expectRejection(bus.execute(new CancelJobCommand(missing, 'refund', 2, context('corr-13'))));
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: `Job ${missing} does not exist` });
  });
});

/** A store whose readStream answers only once `parties` reads are waiting: forces the read-read-append-append race. */
function readBarrier(store: EventStore, parties: number): EventStore {
  let waiting: (() => void)[] = [];
  const barrier = (): Promise<void> =>
    new Promise((resolve) => {
      waiting.push(resolve);
      if (waiting.length === parties) {
        waiting.forEach((release) => release());
        waiting = [];
      }
    });
  return {
    name: store.name,
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: async (...args): Promise<StreamSlice> => {
      const slice = await store.readStream(...args);
      await barrier();
      return slice;
    },
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    close: async () => undefined,
  };
}
