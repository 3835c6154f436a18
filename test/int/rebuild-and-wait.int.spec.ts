import { rebuildAndWait } from '../../src/read-models/rebuild-and-wait';
import { findLeaseHolder, type LeaseHolder } from '../../src/processing/lease-holder';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { jobsProjection } from '../../projections/jobs/jobs.projection';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { allReadable } from '../support/all-readable';
import { writeJobScenario } from '../support/job-scenarios';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { eventually } from '../support/eventually';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 4 };

describe.each(TEST_BACKENDS)('rebuild --wait ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let projector: ProjectionHost;

  const jobCount = async (): Promise<number> => Number((await db.pool.query('SELECT count(*) AS n FROM jobs')).rows[0].n);

  beforeAll(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
    projector = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, { ...fast, onError: () => undefined });
    await projector.install();
    for (let i = 0; i < 6; i++) await writeJobScenario(store, { directories: 2 });
    await allReadable(db.pool, store);
  });
  afterAll(async () => {
    await projector?.stop();
    await store?.close();
    await db?.drop();
  });

  it('takes the lease when no projector holds it, rebuilds here with progress, and swaps', async () => {
    const progress: number[] = [];
    const waiting: (LeaseHolder | null)[] = [];
    const outcome = await rebuildAndWait(db.pool, store, jobsProjection, fast, {
      pollMs: 5,
      onProgress: (n) => progress.push(n),
      onWaiting: (holder) => waiting.push(holder),
    });
    expect(outcome).toEqual({ projection: 'jobs', generation: 2, eventsApplied: 6 * 4, ranHere: true });
    expect(waiting).toEqual([]);
    expect(progress.length).toBeGreaterThan(0);
    expect(await jobCount()).toBe(6);
    expect(await findLeaseHolder(db.pool, 'projection:jobs')).toBeNull(); // released on the way out
  });

  // On PGlite every client shares one server session: only a lease with a holder identity keeps
  // a second runner (a CLI against the running embedded server) from rebuilding beside the first.
  it('waits for the projector that holds the lease, naming it, until its swap', async () => {
    projector.start();
    await eventually(async () => (await projector.status()).every((s) => s.state === 'live'), { timeoutMs: 20_000, intervalMs: 50 });
    const waiting: (LeaseHolder | null)[] = [];
    const outcome = await rebuildAndWait(db.pool, store, jobsProjection, fast, { pollMs: 20, onWaiting: (holder) => waiting.push(holder) });
    expect(outcome).toMatchObject({ projection: 'jobs', generation: 3, ranHere: false });
    expect(waiting).toEqual([
      { holder: expect.stringMatching(/^\S+ \(pid \d+ on \S+\)$/), since: expect.any(Date), expiresAt: expect.any(Date) },
    ]);
    expect((await projector.status()).find((s) => s.name === 'jobs')).toMatchObject({ liveGeneration: 3, rebuild: null });
    expect(await jobCount()).toBe(6);
  });

  // The holder may swap before the waiter's runner has even gone to standby (a fast rebuild, a slow
  // poll, a loaded host): the waiter still names who rebuilds, once, from the lease it found.
  it('names the holder even when it swaps before this process looks again', async () => {
    const waiting: (LeaseHolder | null)[] = [];
    const outcome = await rebuildAndWait(db.pool, store, jobsProjection, fast, {
      pollMs: 1500,
      onWaiting: (holder) => waiting.push(holder),
    });
    expect(outcome).toMatchObject({ projection: 'jobs', generation: 4, ranHere: false });
    expect(waiting).toEqual([
      { holder: expect.stringMatching(/^\S+ \(pid \d+ on \S+\)$/), since: expect.any(Date), expiresAt: expect.any(Date) },
    ]);
  });
});
