import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { CheckpointStore } from '../../src/processing/checkpoint-store';
import { undispatchedJobs } from '../../src/workers/undispatched-jobs';
import { allReadable } from '../support/all-readable';
import { writeJobScenario } from '../support/job-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The stall sweeper asks which jobs have messages still on the dispatcher's side: a lagging
 * dispatcher is not a stall, and requeuing then sends the same work twice (it did, under load).
 */
describe('undispatchedJobs', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('names the jobs whose dispatched events lie past the checkpoint, and none once the dispatcher has passed them', async () => {
    const sent = await writeJobScenario(store, { directories: 1, complete: false });
    const sentUpTo = (await allReadable(db.pool, store)).at(-1)!.checkpoint;
    const waiting = await writeJobScenario(store, { directories: 2, complete: false });
    const all = await allReadable(db.pool, store);
    const checkpoints = new CheckpointStore(db.pool);

    expect(await undispatchedJobs(db.pool, store, 'test-dispatcher')).toEqual(new Set([sent, waiting]));
    await checkpoints.save('test-dispatcher', sentUpTo);
    expect(await undispatchedJobs(db.pool, store, 'test-dispatcher')).toEqual(new Set([waiting]));
    await checkpoints.save('test-dispatcher', all.at(-1)!.checkpoint);
    expect(await undispatchedJobs(db.pool, store, 'test-dispatcher')).toEqual(new Set());
  });
});
