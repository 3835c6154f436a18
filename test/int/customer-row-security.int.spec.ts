import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { withCustomerScope } from '../../src/database/customer-scope';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { requestRebuild } from '../../projections/runtime/projection-registry';
import { writeJobScenario } from '../support/job-scenarios';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';
import { eventually } from '../support/eventually';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 200, onError: () => undefined };

/**
 * The second wall around a customer's data: a query that forgets its customer filter, run in
 * customer A's scope, returns none of B's rows — whatever the API layer does.
 */
describe.each(TEST_BACKENDS)('customer row security ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let host: ProjectionHost;
  let jobOfA: string;
  let jobOfB: string;

  const caughtUp = async (): Promise<boolean> => (await host.status()).every((s) => s.lag?.events === 0 && s.rebuild === null);
  const asA = <T>(read: (query: (sql: string) => Promise<T[]>) => Promise<unknown>): Promise<unknown> =>
    withCustomerScope(db.pool, 'cust-a', (client) => read(async (sql) => (await client.query(sql)).rows as T[]));

  beforeAll(async () => {
    db = await backend.create();
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('cust-a', 'A Co', 'a@a.test', 'growth', 3), ('cust-b', 'B Co', 'b@b.test', 'growth', 3)`,
    );
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
    host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    await host.install();
    host.start();
    jobOfA = await writeJobScenario(store, { customerId: 'cust-a', directories: 2 });
    jobOfB = await writeJobScenario(store, { customerId: 'cust-b', directories: 3 });
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });
  });
  afterAll(async () => {
    await host?.stop();
    await store?.close();
    await db?.drop();
  });

  it("gives A only A's jobs, results, history and profile, with no filter in the query", async () => {
    const seen = await withCustomerScope(db.pool, 'cust-a', async (client) => ({
      jobs: (await client.query('SELECT id FROM jobs')).rows.map((r) => r.id),
      results: [...new Set((await client.query('SELECT job_id FROM job_results')).rows.map((r) => r.job_id))],
      history: [...new Set((await client.query('SELECT job_id FROM queue_history')).rows.map((r) => r.job_id))],
      customers: (await client.query('SELECT id FROM customers')).rows.map((r) => r.id),
    }));
    expect(seen).toEqual({ jobs: [jobOfA], results: [jobOfA], history: [jobOfA], customers: ['cust-a'] });
    // The same queries outside a customer scope (projector, staff) see both customers.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM job_results')).rows[0].n).toBe(5);
  });

  it('runs the scoped read as the customer role with the customer id set, both for the transaction only', async () => {
    const inside = await withCustomerScope(db.pool, 'cust-a', async (client) => {
      const { rows } = await client.query(`SELECT current_user AS who, current_setting('app.customer_id', true) AS scope`);
      return rows[0] as { who: string; scope: string };
    });
    expect(inside).toEqual({ who: 'dbolt_customer', scope: 'cust-a' });
  });

  it("asking for B's job by id in A's scope finds nothing", async () => {
    await expect(asA((query) => query(`SELECT * FROM jobs WHERE id = '${jobOfB}'`))).resolves.toEqual([]);
    await expect(asA((query) => query(`SELECT * FROM job_results WHERE job_id = '${jobOfB}'`))).resolves.toEqual([]);
  });

  it('refuses tables that hold no customer rows (the event log, the queue) instead of showing them', async () => {
    await expect(asA((query) => query('SELECT * FROM events'))).rejects.toThrow(/permission denied/);
    await expect(asA((query) => query('SELECT * FROM queue_messages'))).rejects.toThrow(/permission denied/);
  });

  it('cannot write, even to its own rows', async () => {
    await expect(asA((query) => query(`UPDATE customers SET business_name = 'x' WHERE id = 'cust-a'`))).rejects.toThrow(
      /permission denied/,
    );
  });

  it('leaves no scope behind on the pooled connection', async () => {
    await asA((query) => query('SELECT 1'));
    const { rows } = await db.pool.query(
      `SELECT current_user AS who, coalesce(current_setting('app.customer_id', true), '') AS scope, (SELECT count(*)::int FROM jobs) AS jobs`,
    );
    expect(rows[0]).toMatchObject({ scope: '', jobs: 2 });
    expect(rows[0].who).not.toBe('dbolt_customer');
  });

  it('keeps the walls through a blue/green rebuild of the read models', async () => {
    for (const name of ['jobs', 'job_results']) await requestRebuild(db.pool, name);
    const swapped = async (): Promise<boolean> => {
      const { rows } = await db.pool.query(`SELECT live_generation FROM projection_state WHERE name IN ('jobs', 'job_results')`);
      return rows.every((row) => row.live_generation === 2) && (await caughtUp());
    };
    await eventually(swapped, { timeoutMs: 30_000 });
    await expect(asA((query) => query('SELECT job_id FROM job_results'))).resolves.toEqual([{ job_id: jobOfA }, { job_id: jobOfA }]);
    await expect(asA((query) => query('SELECT id FROM jobs'))).resolves.toEqual([{ id: jobOfA }]);
  });
});
