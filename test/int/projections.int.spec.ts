import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { CustomerEventLog } from '../../src/customers/customer-event-log';
import { emptyProfile } from '../../src/customers/customer.state';
import { CustomerDataKeys } from '../../src/customers/personal-data/customer-data-keys.repository';
import { jobsProjection } from '../../projections/jobs/jobs.projection';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { verifyProjection } from '../../projections/runtime/projection-verify';
import { writeJobScenario } from '../support/job-scenarios';
import { SEED_SQL } from '../support/seed-sql';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { eventually } from '../support/eventually';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 200, onError: () => undefined };

describe.each(TEST_BACKENDS)('projections ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let host: ProjectionHost;

  const count = async (sql: string): Promise<number> => Number((await db.pool.query(sql)).rows[0].n);
  const caughtUp = async (): Promise<boolean> => (await host.status()).every((s) => s.lag?.events === 0 && s.rebuild === null);

  beforeAll(async () => {
    db = await backend.create();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
    host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    await host.install();
    host.start();
  });
  afterAll(async () => {
    await host.stop();
    await store.close();
    await db.drop();
  });

  it('builds jobs, job_results, queue_history and workers live, and the seed SQL runs verbatim', async () => {
    const outcomes = ['succeeded', 'retried_then_succeeded', 'failed', 'needs_manual', 'skipped'] as const;
    const done = await writeJobScenario(store, { directories: 5, outcome: (i) => outcomes[i] });
    const running = await writeJobScenario(store, { directories: 2, complete: false });
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });

    const statuses = (await db.pool.query(SEED_SQL.statusCounts)).rows.sort((a, b) => a.status.localeCompare(b.status));
    expect(statuses).toEqual([
      { status: 'complete', count: '1' },
      { status: 'in_progress', count: '1' },
    ]);
    const job = (await db.pool.query('SELECT * FROM jobs WHERE id = $1', [done])).rows[0];
    expect(job).toMatchObject({ status: 'complete', succeeded: 2, failed: 1, needs_manual: 1, skipped: 1, priority: 'P2', version: 4 });
    const results = (
      await db.pool.query('SELECT directory_id, status, attempts FROM job_results WHERE job_id = $1 ORDER BY directory_id', [done])
    ).rows;
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'failed', 'needs_manual', 'skipped']);
    expect(results[1].attempts).toBe(2);
    const retry = (await db.pool.query("SELECT attempt, delay_ms, error_class FROM queue_history WHERE event = 'SubmissionRetryScheduled'"))
      .rows;
    expect(retry).toEqual([{ attempt: 2, delay_ms: 31000, error_class: 'transient' }]);
    expect(await count(`SELECT count(*) AS n FROM queue_history WHERE job_id = '${running}'`)).toBe(3 + 2 * 3);

    const orphans = await db.pool.query(SEED_SQL.orphanedResults);
    expect(orphans.rows).toEqual([]);
    await db.pool.query(
      "INSERT INTO worker_heartbeats (worker_id, status, last_heartbeat) VALUES ('w-old', 'running', now() - interval '3 minutes'), ('w-ok', 'idle', now())",
    );
    expect((await db.pool.query(SEED_SQL.staleWorkers)).rows.map((r) => r.worker_id)).toEqual(['w-old']);
    const duplicateKeys = await db.pool.query(SEED_SQL.duplicateIdempotencyKeys);
    expect(duplicateKeys.rows).toEqual([]);
    expect((await db.pool.query("SELECT succeeded, attempts_started FROM workers WHERE id = 'worker-1'")).rows[0]).toEqual({
      succeeded: 4,
      attempts_started: 8,
    });
  });

  it('rebuilds blue/green: reads keep answering, the swap gives the same rows, the old generation is dropped', async () => {
    for (let i = 0; i < 30; i++) await writeJobScenario(store, { directories: 3 });
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });
    const before = await snapshot(db);
    const generation = (await host.status()).find((s) => s.name === 'jobs')!.liveGeneration;

    expect(await host.rebuild('jobs')).toBe(true);
    const readsDuringRebuild: number[] = [];
    await eventually(
      async () => {
        readsDuringRebuild.push(await count('SELECT count(*) AS n FROM jobs'));
        const jobs = (await host.status()).find((s) => s.name === 'jobs')!;
        return jobs.liveGeneration === generation + 1 && jobs.rebuild === null;
      },
      { timeoutMs: 30_000, intervalMs: 25 },
    );
    expect(readsDuringRebuild.length).toBeGreaterThan(0);
    expect(new Set(readsDuringRebuild)).toEqual(new Set([before.jobs.length]));
    expect(await snapshot(db)).toEqual(before);
    // The old generation is dropped after the swap commits, in a transaction of its own.
    const tables = async () => (await db.pool.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'jobs\\_\\_g%' ORDER BY 1")).rows;
    const live = [{ tablename: `jobs__g${generation + 1}` }];
    await eventually(async () => (JSON.stringify(await tables()) === JSON.stringify(live) ? true : null), {
      timeoutMs: 10_000,
      intervalMs: 25,
    });
    expect(await tables()).toEqual(live);
  });

  it('rebuilds by itself when a projection version changes', async () => {
    const bumped = { ...jobsProjection, version: jobsProjection.version + 1 };
    await host.stop();
    const other = new ProjectionHost(db.pool, store, [bumped], fast, (cp) => store.lagAfter(cp));
    other.start();
    try {
      await eventually(
        async () => {
          const [status] = await other.status();
          return status.liveVersion === bumped.version && status.state === 'live'; // the swap commits, then the runner goes live
        },
        { timeoutMs: 30_000, intervalMs: 25 },
      );
    } finally {
      await other.stop();
      host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    }
  });

  it('runs each projection in one host only; the other takes over when the leader stops', async () => {
    const first = host;
    first.start();
    const second = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    second.start();
    const leading = (state: string): boolean => state === 'live' || state === 'rebuilding';
    try {
      await eventually(async () => [...(await first.status()), ...(await second.status())].every((s) => s.state !== 'starting'), {
        timeoutMs: 30_000,
        intervalMs: 25,
      });
      const [a, b] = [await first.status(), await second.status()];
      for (const [i, projection] of ALL_PROJECTIONS.entries()) {
        expect({ name: projection.name, leaders: [a[i].state, b[i].state].filter(leading).length }).toEqual({
          name: projection.name,
          leaders: 1,
        });
      }
      await first.stop();
      await eventually(async () => (await second.status()).every((s) => s.state === 'live'), { timeoutMs: 30_000, intervalMs: 25 });
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    }
  });

  it('verify replays into scratch tables: no difference, then exactly the row someone changed', async () => {
    host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    host.start();
    await writeJobScenario(store, { directories: 2 });
    // Every projection gets rows to compare, the customers one too.
    await new CustomerEventLog(store, new CustomerDataKeys({ pool: db.pool })).execute(
      'verify-c',
      {
        type: 'RegisterCustomer',
        data: {
          customerId: 'verify-c',
          profile: { ...emptyProfile(), businessName: 'V', email: 'v@v.test' },
          package: { directoryCount: 1, tier: 'pro' },
        },
      },
      { actor: { kind: 'system', id: 'test' }, correlationId: 'c', causationId: 'c', timestamp: new Date().toISOString() },
    );
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });
    for (const projection of ALL_PROJECTIONS) {
      const report = await verifyProjection(db.pool, store, projection);
      expect(report).toMatchObject({ ok: true, problem: null });
      expect(report.tables.every((t) => t.liveRows === t.replayedRows && t.liveRows > 0)).toBe(true);
    }
    // The stats the metrics read agree with the rows they summarise.
    const stats = await db.pool.query('SELECT status, sum(jobs)::int AS n FROM job_stats GROUP BY status ORDER BY status');
    const counted = await db.pool.query('SELECT status, count(*)::int AS n FROM jobs GROUP BY status ORDER BY status');
    expect(stats.rows).toEqual(counted.rows);
    expect(stats.rows.length).toBeGreaterThan(0);
    const generation = (await host.status()).find((s) => s.name === 'jobs')!.liveGeneration;
    const [victim] = (await db.pool.query('SELECT id FROM jobs ORDER BY id LIMIT 1')).rows;
    await db.pool.query(`UPDATE jobs__g${generation} SET status = 'failed' WHERE id = $1`, [victim.id]);
    const report = await verifyProjection(db.pool, store, jobsProjection);
    expect(report.ok).toBe(false);
    expect(report.tables[0]).toMatchObject({ missingCount: 1, unexpectedCount: 1 });
    expect(report.tables[0].unexpectedInLive).toEqual([expect.objectContaining({ id: victim.id, status: 'failed' })]);
    const leftovers = await db.pool.query("SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_verify\\_%'");
    expect(leftovers.rows).toEqual([]);
  });

  it('applying the same events twice to a generation changes nothing (stream-version guard)', async () => {
    const jobId = await writeJobScenario(store, { directories: 1 });
    const { events } = await store.readStream(`job-${jobId}`);
    // The running host applies these events once; waiting for it keeps its page and ours apart
    // (two appliers at once is what the checkpoint fence forbids, and this test has no fence).
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });
    const client = await db.pool.connect();
    try {
      const state = (await client.query("SELECT live_generation FROM projection_state WHERE name = 'jobs'")).rows[0];
      const context = { client, table: (name: string) => `${name}__g${state.live_generation}` };
      const once = (await client.query('SELECT * FROM jobs WHERE id = $1', [jobId])).rows;
      const statsOnce = (await client.query('SELECT * FROM job_stats ORDER BY status, bucket')).rows;
      await jobsProjection.apply(events, context);
      await jobsProjection.apply(events.slice(0, 2), context);
      expect((await client.query('SELECT * FROM jobs WHERE id = $1', [jobId])).rows).toEqual(once);
      expect((await client.query('SELECT * FROM job_stats ORDER BY status, bucket')).rows).toEqual(statsOnce);
      expect(once[0]).toMatchObject({ status: 'complete', version: 4 });
    } finally {
      client.release();
    }
  });
});

async function snapshot(db: BackendDatabase): Promise<Record<string, unknown[]>> {
  const read = async (sql: string): Promise<unknown[]> => (await db.pool.query(sql)).rows;
  return {
    jobs: await read('SELECT * FROM jobs ORDER BY id'),
    jobResults: await read('SELECT * FROM job_results ORDER BY id'),
    history: await read('SELECT * FROM queue_history ORDER BY position'),
  };
}
