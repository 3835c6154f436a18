import { randomUUID } from 'node:crypto';
import { RunRequestsRepository } from '../../src/customer-submissions/run-requests.repository';
import { withCustomerScope } from '../../src/database/customer-scope';
import type { Actor } from '../../src/event-store/event-store.port';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';

const customerA: Actor = { kind: 'customer', id: 'login-a' };
const staff: Actor = { kind: 'staff', id: 'staff-1' };

/** run_requests (migration 025) on both databases the app runs on: its unique rules and its row security. */
describe.each(TEST_BACKENDS)('run requests ($name)', (backend) => {
  let db: BackendDatabase;
  let requests: RunRequestsRepository;
  const insert = (customerId: string, idempotencyKey: string | null = null): ReturnType<RunRequestsRepository['insert']> =>
    requests.insert({ id: randomUUID(), customerId, idempotencyKey, requestedBy: customerA, requestedAt: new Date() });

  beforeAll(async () => {
    db = await backend.create();
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('cust-a', 'A Co', 'a@a.test', 'growth', 3), ('cust-b', 'B Co', 'b@b.test', 'growth', 3)`,
    );
    requests = new RunRequestsRepository({ pool: db.pool });
  }, 60_000);
  afterAll(async () => db?.drop());

  it('keeps one pending request per customer and one request per Idempotency-Key', async () => {
    const first = await insert('cust-a', 'k-1');
    expect(first).toMatchObject({ customerId: 'cust-a', status: 'pending', requestedBy: customerA, jobId: null });
    expect(await insert('cust-a')).toBeNull();
    expect(await requests.findByKey('cust-a', 'k-1')).toEqual(first);
    const rejected = await requests.reject(first!.id, 'not now', staff, new Date());
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'not now', decidedBy: staff });
    expect(await requests.approve(first!.id, randomUUID(), staff, new Date())).toBeNull();
    expect(await insert('cust-a', 'k-1')).toBeNull();
    expect(await insert('cust-a', 'k-2')).toMatchObject({ status: 'pending' });
  });

  it("shows a customer's scope its own requests only, with no filter in the query", async () => {
    await insert('cust-b');
    const seen = await withCustomerScope(
      db.pool,
      'cust-b',
      async (client) => (await client.query<{ customer_id: string }>('SELECT customer_id FROM run_requests')).rows,
    );
    expect(seen).toEqual([{ customer_id: 'cust-b' }]);
    const all = await requests.list(db.pool, { customerId: null, status: 'pending' }, 10, null);
    expect(all.map((r) => r.customerId).sort()).toEqual(['cust-a', 'cust-b']);
  });
});
