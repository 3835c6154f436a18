import type {
  AllSlice,
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamSlice,
  SubscribeToAllOptions,
  Subscription,
} from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { jobsProjection } from '../../projections/jobs/jobs.projection';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { allReadable } from '../support/all-readable';
import { writeJobScenario } from '../support/job-scenarios';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { eventually } from '../support/eventually';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 200, onError: () => undefined };

/**
 * The store as the runner sees it, with two observation points: `readAll` (only the rebuild's
 * catch-up reads through it; live subscriptions read inside the store) can run a hook before it
 * hands back the first page that reached the end, and every live subscription's start is recorded.
 */
class ObservedStore implements EventStore {
  readonly name = 'postgres' as const;
  readonly liveStarts: (Checkpoint | null)[] = [];
  beforeFirstEnd: (() => Promise<void>) | null = null;

  constructor(private readonly inner: EventStore) {}

  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamSlice> {
    return this.inner.readStream(streamId, options);
  }

  async readAll(options?: ReadAllOptions): Promise<AllSlice> {
    const page = await this.inner.readAll(options);
    const hook = page.isEnd ? this.beforeFirstEnd : null;
    this.beforeFirstEnd = null;
    await hook?.();
    return page;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.liveStarts.push(options.from ?? null);
    return this.inner.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

describe.each(TEST_BACKENDS)('blue/green swap ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let host: ProjectionHost | null = null;

  const liveCheckpoint = async (): Promise<string | null> =>
    (await db.pool.query("SELECT live_checkpoint FROM projection_state WHERE name = 'jobs'")).rows[0].live_checkpoint;
  const lastCheckpoint = async (): Promise<string> => (await allReadable(db.pool, store)).at(-1)!.checkpoint;

  beforeAll(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
  });
  afterAll(async () => {
    await host?.stop();
    await store.close();
    await db.drop();
  });

  it('swaps only once the new generation has caught up to the live checkpoint, so reads never go backwards', async () => {
    for (let i = 0; i < 3; i++) await writeJobScenario(store, { directories: 1 });
    const observed = new ObservedStore(store);
    host = new ProjectionHost(db.pool, observed, [jobsProjection], fast);
    await host.install();
    host.start();
    const caughtUpAt = await lastCheckpoint();
    await eventually(async () => (await liveCheckpoint()) === caughtUpAt, { timeoutMs: 30_000, intervalMs: 25 });

    // The rebuild has read to the end (P); before it goes on, the live generation moves to P' > P.
    let aheadAt: string | null = null;
    observed.beforeFirstEnd = async () => {
      await writeJobScenario(store, { directories: 2 });
      const target = await lastCheckpoint();
      await eventually(async () => (await liveCheckpoint()) === target, { timeoutMs: 30_000, intervalMs: 25 });
      aheadAt = target;
    };
    expect(await host.rebuild('jobs')).toBe(true);
    await eventually(
      async () => {
        const [jobs] = await host!.status();
        return jobs.liveGeneration === 2 && jobs.state === 'live';
      },
      { timeoutMs: 30_000, intervalMs: 25 },
    );

    expect(aheadAt).not.toBeNull();
    expect(observed.liveStarts).toHaveLength(2); // generation 1, then generation 2 after the swap
    expect({ newGenerationWentLiveAt: observed.liveStarts[1] }).toEqual({ newGenerationWentLiveAt: aheadAt });
    expect(Number((await db.pool.query('SELECT count(*) AS n FROM jobs')).rows[0].n)).toBe(4);
  });
});
