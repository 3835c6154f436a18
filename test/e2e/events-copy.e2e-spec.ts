import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { assertLogBelongsToCluster } from '../../src/database/log-cluster-guard';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { allReadable } from '../support/all-readable';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { demoAdminSession } from '../support/sessions';
import { runCliCaptured } from '../support/cli-harness';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DISPATCHED = ['JobQueued', 'SubmissionRetryScheduled', 'JobRequeued', 'JobRedriven'];

/** Everything of the log and the read models that must survive the move, as comparable text. */
const SNAPSHOTS = {
  streams: `SELECT json_agg(json_build_object('s', stream_id, 'v', stream_version, 'id', event_id, 't', event_type, 'd', data,
      'm', metadata, 'at', (extract(epoch FROM recorded_at) * 1000000)::bigint) ORDER BY stream_id, stream_version)::text AS v FROM events`,
  order: 'SELECT json_agg(event_id ORDER BY transaction_id, position)::text AS v FROM events',
  jobs: 'SELECT json_agg(j ORDER BY j.id)::text AS v FROM jobs j',
  jobResults: 'SELECT json_agg(r ORDER BY r.job_id, r.directory_id)::text AS v FROM job_results r',
  catalog: 'SELECT json_agg(d ORDER BY d.id)::text AS v FROM directories d',
  customers: 'SELECT json_agg(c ORDER BY c.id)::text AS v FROM customers c',
  progress: 'SELECT json_agg(p ORDER BY p.job_id, p.directory_id)::text AS v FROM job_progress_submissions p',
} as const;

async function snapshot(pool: Pool): Promise<Record<keyof typeof SNAPSHOTS, string>> {
  const result = {} as Record<keyof typeof SNAPSHOTS, string>;
  for (const [name, sql] of Object.entries(SNAPSHOTS))
    result[name as keyof typeof SNAPSHOTS] = (await pool.query<{ v: string }>(sql)).rows[0].v;
  return result;
}

/** The event a checkpoint stands on, by id: the same place in both logs. */
async function eventAt(pool: Pool, checkpoint: string): Promise<string> {
  const [, xid, position] = checkpoint.split(':');
  const { rows } = await pool.query('SELECT event_id FROM events WHERE transaction_id = $1::xid8 AND position = $2', [xid, position]);
  return rows[0].event_id;
}

/**
 * The supported move from the embedded database to a server: a demo job runs to the end on
 * embedded defaults, the app stops, and `events copy` moves its log into the machine's PostgreSQL.
 */
describe("events copy: embedded → the machine PostgreSQL, with a demo job's log", () => {
  let dataDir: string;
  let app: AppProcess | null = null;
  let target: TestDatabase;
  let source: { server: EmbeddedPostgres; pool: Pool } | null = null;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dbolt-copy-'));
    target = await createTestDatabase('dbolt_test_copy', false);
    app = await startAppProcess({ DATA_DIR: dataDir, DEMO_DIRECTORIES: '6', RETRY_BASE_DELAY_MS: '500', RETRY_MIN_DELAY_MS: '100' });
    await waitForHealth(app);
    const base = `http://127.0.0.1:${app.port}/api`;
    const auth = (await demoAdminSession(`http://127.0.0.1:${app.port}`)).headers;
    // The read models too must have caught up: they are compared with the target's rebuilt ones.
    await eventually(
      async () => {
        const { jobs } = (await (await fetch(`${base}/queue/demo-customer`, { headers: auth })).json()) as { jobs: { status: string }[] };
        const projections = (await (await fetch(`${base}/admin/projections`, { headers: auth })).json()) as {
          lag: { events: number } | null;
        }[];
        return jobs[0]?.status === 'complete' && projections.every((p) => p.lag?.events === 0) ? true : null;
      },
      { timeoutMs: 180_000 },
    );
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await source?.pool.end();
    await source?.server.stop();
    await target?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('copies the log re-sequenced, with the catalog, customers and checkpoints, rebuilds the read models and checks the counts', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const copied = await runCliCaptured(config, 'events', 'copy', '--from', `embedded:${dataDir}`, '--to', target.url);
    expect({ code: copied.code, err: copied.err }).toEqual({ code: 0, err: expect.not.stringMatching(/error|refus|not match/i) });
    expect(copied.out).toMatch(/^copied (\d+) of \1 events in \d+ streams, re-sequenced in the target$/m);
    expect(copied.out).toMatch(/^checkpoint dispatcher: pg:\d+:\d+ → pg:\d+:\d+$/m);
    expect(copied.out).toMatch(/^job_results: rebuilt on the target; generation g2 is live/m);
    expect(copied.out).toMatch(/^count check passed: \d+ events in \d+ streams/m);
    expect(copied.out.split('\n').pop()).toBe('done: start the app with DATABASE_URL set to the --to URL');

    const server = await EmbeddedPostgres.start({ dataDir: join(dataDir, 'pg'), port: 0, maxConnections: 4 });
    source = { server, pool: new Pool({ connectionString: server.connectionString, max: 2 }) };
    const before = await snapshot(source.pool);
    const after = await snapshot(target.pool);
    expect(JSON.parse(before.jobs)[0]).toMatchObject({ status: 'complete' });
    expect(after).toEqual(before);

    // Every copied event is readable on the target, in the source's order.
    const store = new PostgresEventStore(target.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    const readable = await allReadable(target.pool, store);
    expect(readable.map((e) => e.metadata.eventId)).toEqual(JSON.parse(before.order));
    await expect(assertLogBelongsToCluster(target.pool)).resolves.toBeUndefined();

    // The dispatcher resumes at the same event: nothing it already sent is sent again.
    const checkpoint = async (pool: Pool): Promise<string> =>
      (await pool.query("SELECT checkpoint FROM subscription_checkpoints WHERE subscription_id = 'dispatcher'")).rows[0].checkpoint;
    const [sourceDispatcher, targetDispatcher] = [await checkpoint(source.pool), await checkpoint(target.pool)];
    expect(await eventAt(target.pool, targetDispatcher)).toBe(await eventAt(source.pool, sourceDispatcher));
    const pending = (await store.readAll({ after: targetDispatcher, eventTypes: DISPATCHED, maxCount: 10_000 })).events;
    expect(pending).toEqual([]);

    // A new append on the target sorts after everything copied.
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({
      from: readable[readable.length - 1].checkpoint,
      handler: async (event) => void seen.push(event),
    });
    await store.appendToStream('after-copy-1', [{ type: 'ProbeRecorded', data: { n: 1 } }], { expectedVersion: 'no_stream' });
    await eventually(async () => (seen.length > 0 ? true : null), { timeoutMs: 20_000 });
    await subscription.stop();
    await store.close();
    expect(seen.map((e) => e.streamId)).toEqual(['after-copy-1']);
  });

  it('refuses a target that already holds events, and says so', async () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    await source?.pool.end();
    await source?.server.stop();
    source = null;
    const again = await runCliCaptured(config, 'events', 'copy', '--from', `embedded:${dataDir}`, '--to', target.url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/The target is not empty \(events.*\): copy into a new, empty database/);
  });
});
