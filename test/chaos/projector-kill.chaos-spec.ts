import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { readAllStates } from '../../projections/runtime/projection-registry';
import { verifyProjection } from '../../projections/runtime/projection-verify';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { staffSession, type TestSession } from '../support/sessions';
import { seedEventLog } from '../support/seed-event-log';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';

const EVENTS = 120_000;
const REBUILT = ['jobs', 'job_results', 'queue_history'];

/**
 * SIGKILL the projector in the middle of a rebuild of >= 100,000 events; on restart it
 * finishes, `verify` finds no difference, and reads of the jobs read model answer throughout.
 */
describe('projector killed mid-rebuild (machine PostgreSQL, built app)', () => {
  let db: TestDatabase;
  let app: AppProcess | null = null;
  let staff: TestSession;
  const env = (): Record<string, string> => ({
    DATABASE_URL: db.url,
    ROLES: 'api,projector',
    PROJECTION_REBUILD_BATCH_SIZE: '1000',
    RETENTION_INTERVAL_MINUTES: '0',
  });

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_chaos');
    staff = await staffSession(db.pool, { role: 'staff' });
    await seedEventLog(db.pool, EVENTS);
    await db.pool.query(
      "INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('cust-5', 'Bolt', 'b@x.test', 'pro', 10)",
    );
  }, 300_000);
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await db.drop();
  });

  it('finishes the rebuild after a SIGKILL, with no difference and reads answering', async () => {
    app = await startAppProcess(env());
    await waitForHealth(app);
    await eventually(async () => (await states(db)).every((s) => s.lagZero), {
      timeoutMs: 240_000,
      intervalMs: 200,
      message: 'initial catch-up',
    });
    const generations = new Map((await readAllStates(db.pool)).map((s) => [s.name, s.liveGeneration]));
    const jobsBefore = await customerJobCount(staff, app);

    await db.pool.query('UPDATE projection_state SET rebuild_requested_at = now() WHERE name = ANY ($1)', [REBUILT]);
    const reads = startReading(staff, () => app!);
    await eventually(async () => (await readAllStates(db.pool)).some((s) => s.nextEvents > EVENTS / 10), {
      timeoutMs: 120_000,
      intervalMs: 200,
      message: 'rebuild under way',
    });
    reads.pause(); // no API process while the projector is down: reads resume once the new one answers
    app.child.kill('SIGKILL');
    await app.exited;
    const interrupted = (await readAllStates(db.pool)).filter((s) => s.nextGeneration !== null);
    expect(interrupted.length).toBeGreaterThan(0); // the kill really landed mid-rebuild

    app = await startAppProcess(env());
    await waitForHealth(app);
    reads.resume();
    await eventually(
      async () => {
        const all = await readAllStates(db.pool);
        return REBUILT.every((name) => {
          const s = all.find((x) => x.name === name)!;
          return s.nextGeneration === null && s.liveGeneration > generations.get(name)!;
        });
      },
      { timeoutMs: 240_000, intervalMs: 200, message: 'rebuild to finish after restart' },
    );
    const readLog = await reads.stop();

    expect(readLog.failures).toEqual([]);
    expect(readLog.ok).toBeGreaterThan(10);
    expect(new Set(readLog.counts)).toEqual(new Set([jobsBefore]));
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 1000, listen: false });
    for (const projection of ALL_PROJECTIONS.filter((p) => REBUILT.includes(p.name))) {
      const report = await verifyProjection(db.pool, store, projection);
      expect({ name: projection.name, ok: report.ok, problem: report.problem }).toEqual({ name: projection.name, ok: true, problem: null });
    }
    await store.close();
  }, 900_000);
});

async function states(db: TestDatabase): Promise<{ name: string; lagZero: boolean }[]> {
  const { rows } = await db.pool.query<{ name: string; behind: boolean }>(
    `SELECT p.name, EXISTS (SELECT 1 FROM events e WHERE p.live_checkpoint IS NULL
        OR (e.transaction_id, e.position) > (split_part(p.live_checkpoint, ':', 2)::xid8, split_part(p.live_checkpoint, ':', 3)::bigint)) AS behind
     FROM projection_state p`,
  );
  return rows.map((r) => ({ name: r.name, lagZero: !r.behind }));
}

async function customerJobCount(staff: TestSession, app: AppProcess): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${app.port}/api/queue/cust-5?limit=100`, { headers: staff.headers });
  if (response.status !== 200) throw new Error(`GET queue answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { jobs: unknown[] }).jobs.length;
}

/** Reads the jobs read model every 50 ms while an API process is up (paused around the kill). */
function startReading(
  staff: TestSession,
  current: () => AppProcess,
): { pause(): void; resume(): void; stop(): Promise<{ ok: number; counts: number[]; failures: string[] }> } {
  const log = { ok: 0, counts: [] as number[], failures: [] as string[] };
  let running = true;
  let paused = false;
  const loop = (async () => {
    while (running) {
      if (!paused) {
        try {
          log.counts.push(await customerJobCount(staff, current()));
          log.ok += 1;
        } catch (error) {
          if (!paused) log.failures.push(String(error)); // a read in flight when the kill came is not a failure
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    pause: () => (paused = true),
    resume: () => (paused = false),
    stop: async () => {
      running = false;
      await loop;
      return log;
    },
  };
}
