import { CustomerEventLog } from '../../src/customers/customer-event-log';
import { CustomerDataKeys } from '../../src/customers/personal-data/customer-data-keys.repository';
import { withCustomerScope } from '../../src/database/customer-scope';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import type { CommandContext } from '../../src/shared/command-context';
import { emptyProfile } from '../../src/customers/customer.state';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { DEFAULT_RUNNER_OPTIONS, ProjectionHost } from '../../projections/runtime/projection-host';
import { requestRebuild } from '../../projections/runtime/projection-registry';
import { eventually } from '../support/eventually';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';

const fast = { ...DEFAULT_RUNNER_OPTIONS, statePollMs: 50, standbyRetryMs: 100, rebuildBatchSize: 200, onError: () => undefined };
const context: CommandContext = {
  actor: { kind: 'staff', id: 'staff-1' },
  correlationId: 'c',
  causationId: 'c',
  timestamp: '2026-12-01T10:00:00.000Z',
};
/** Values that must be gone everywhere after the erasure. */
const SECRETS = ['Erasable Bakery', 'baker@erasable.test', '+1 555 0199', '12 Crumb Lane', 'Dana Doe', 'Gluten-free since 1999'];
const profile = {
  ...emptyProfile(),
  businessName: SECRETS[0],
  email: SECRETS[1],
  phone: SECRETS[2],
  address: SECRETS[3],
  contactName: SECRETS[4],
  city: 'Springfield',
  country: 'US',
};

/** The customers projection over the real log (R-CUST-3, R-CUST-7): read model, history, rebuilds and erasure. */
describe.each(TEST_BACKENDS)('customers as an event-sourced aggregate ($name)', (backend) => {
  let db: BackendDatabase;
  let store: PostgresEventStore;
  let host: ProjectionHost;
  let log: CustomerEventLog;

  const caughtUp = async (): Promise<boolean> => (await host.status()).every((s) => s.lag?.events === 0 && s.rebuild === null);
  const row = async (id: string) => (await db.pool.query('SELECT * FROM customers WHERE id = $1', [id])).rows[0];
  const history = async (id: string) =>
    (await db.pool.query('SELECT * FROM customer_history WHERE customer_id = $1 ORDER BY version', [id])).rows;
  const rebuildCustomers = async (): Promise<void> => {
    const before = (await db.pool.query(`SELECT live_generation AS g FROM projection_state WHERE name = 'customers'`)).rows[0].g as number;
    await requestRebuild(db.pool, 'customers');
    await eventually(
      async () => {
        const { rows } = await db.pool.query(`SELECT live_generation AS g FROM projection_state WHERE name = 'customers'`);
        return rows[0].g > before && (await caughtUp());
      },
      { timeoutMs: 30_000 },
    );
  };

  beforeAll(async () => {
    db = await backend.create();
    // A row inserted by SQL, as fixtures and operators do: no stream, version 0.
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('legacy-1', 'Legacy Co', 'l@legacy.test', 'starter', 3)`,
    );
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: backend.listen });
    log = new CustomerEventLog(store, new CustomerDataKeys({ pool: db.pool }));
    host = new ProjectionHost(db.pool, store, ALL_PROJECTIONS, fast, (cp) => store.lagAfter(cp));
    await host.install();
    host.start();
    await log.execute(
      'cust-a',
      { type: 'RegisterCustomer', data: { customerId: 'cust-a', profile, package: { directoryCount: 25, tier: 'growth' } } },
      context,
    );
    await log.execute(
      'cust-a',
      { type: 'UpdateBusinessProfile', data: { changes: { description: SECRETS[5], city: 'Shelbyville' } } },
      context,
      1,
    );
    await log.execute('cust-a', { type: 'PurchasePackage', data: { directoryCount: 100, tier: 'pro' } }, context, 2);
    await log.execute(
      'cust-b',
      {
        type: 'RegisterCustomer',
        data: {
          customerId: 'cust-b',
          profile: { ...profile, businessName: 'B Co', email: 'b@b.test' },
          package: { directoryCount: 5, tier: 'starter' },
        },
      },
      context,
    );
    await eventually(caughtUp, { timeoutMs: 30_000, intervalMs: 25 });
  });
  afterAll(async () => {
    await host?.stop();
    await store?.close();
    await db?.drop();
  });

  it('projects the profile, the package and the version into customers, and field names into the history', async () => {
    expect(await row('cust-a')).toMatchObject({
      business_name: SECRETS[0],
      email: SECRETS[1],
      city: 'Shelbyville',
      description: SECRETS[5],
      package_tier: 'pro',
      package_size: 100,
      status: 'active',
      version: 3,
    });
    const rows = await history('cust-a');
    expect(rows.map((r) => [r.version, r.type, r.actor_kind, r.actor_id])).toEqual([
      [1, 'CustomerRegistered', 'staff', 'staff-1'],
      [2, 'BusinessProfileUpdated', 'staff', 'staff-1'],
      [3, 'PackagePurchased', 'staff', 'staff-1'],
    ]);
    expect(rows[1].fields).toEqual(['city', 'description']);
    expect(JSON.stringify(rows)).not.toContain('Shelbyville');
  });

  it('stores no personal value in clear in the log', async () => {
    const { rows } = await db.pool.query(`SELECT data::text AS data FROM events WHERE stream_id = 'customer-cust-a'`);
    expect(rows).toHaveLength(3);
    for (const secret of SECRETS) expect(rows.map((r) => r.data).join('\n')).not.toContain(secret);
  });

  it('shows a customer its own history only, under row security', async () => {
    const seen = await withCustomerScope(
      db.pool,
      'cust-b',
      async (client) => (await client.query('SELECT DISTINCT customer_id FROM customer_history')).rows,
    );
    expect(seen).toEqual([{ customer_id: 'cust-b' }]);
  });

  it('a rebuild keeps rows without a stream, brings back a lost row, and refills the history', async () => {
    await db.pool.query(`DELETE FROM customers WHERE id = 'cust-b'`);
    await rebuildCustomers();
    expect(await row('legacy-1')).toMatchObject({ business_name: 'Legacy Co', version: 0 });
    expect(await row('cust-b')).toMatchObject({ business_name: 'B Co', version: 1 });
    expect(await row('cust-a')).toMatchObject({ business_name: SECRETS[0], version: 3 });
    expect((await history('cust-a')).map((r) => r.version)).toEqual([1, 2, 3]);
  });

  it('erasure destroys the key: the log, the read model, the history and a rebuild hold none of the values', async () => {
    const erased = await log.execute('cust-a', { type: 'EraseCustomerData', data: {} }, context, 3);
    expect(erased.events.map((e) => e.type)).toEqual(['CustomerDeactivated', 'CustomerDataErased']);
    expect((await db.pool.query(`SELECT 1 FROM customer_data_keys WHERE customer_id = 'cust-a'`)).rowCount).toBe(0);
    await eventually(async () => (await row('cust-a'))?.version === 5 && (await caughtUp()), { timeoutMs: 30_000 });
    const dumps = async (): Promise<string> =>
      JSON.stringify([
        await row('cust-a'),
        await history('cust-a'),
        (await db.pool.query(`SELECT data, metadata FROM events WHERE stream_id = 'customer-cust-a'`)).rows,
      ]);
    for (const secret of SECRETS) expect(await dumps()).not.toContain(secret);
    expect(await row('cust-a')).toMatchObject({ business_name: '[erased]', email: '[erased]', status: 'deactivated', package_size: 100 });
    // The stream read back through the log: the same events, every personal value redacted.
    const stream = await log.read('cust-a');
    expect(stream.state).toMatchObject({ erased: true, profile: { businessName: '[erased]', description: '[erased]' } });
    expect(JSON.stringify(stream.events.map((e) => e.data))).not.toContain(SECRETS[0]);
    await db.pool.query(`DELETE FROM customers WHERE id = 'cust-a'`);
    await rebuildCustomers();
    for (const secret of SECRETS) expect(await dumps()).not.toContain(secret);
    expect(await row('cust-a')).toMatchObject({ business_name: '[erased]', status: 'deactivated', version: 5 });
    expect(await row('cust-b')).toMatchObject({ business_name: 'B Co' });
  });

  it('refuses edits of an erased customer', async () => {
    await expect(log.execute('cust-a', { type: 'UpdateBusinessProfile', data: { changes: { city: 'X' } } }, context)).rejects.toMatchObject(
      { code: 'ILLEGAL_TRANSITION' },
    );
  });
});
