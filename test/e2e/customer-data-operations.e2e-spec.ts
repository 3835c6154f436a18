import request from 'supertest';
import { auth, useJobsApi } from '../support/jobs-api-suite';
import { eventually } from '../support/eventually';
import { customerSession, TEST_PASSWORD, type TestSession } from '../support/sessions';
import { newCustomer } from '../support/customer-fixtures';

/** A signed-in customer's own data over HTTP: read, edit with If-Match, export, deactivate and erase (R-CUST-5, R-CUST-7). */
describe('customer data operations (machine PostgreSQL)', () => {
  const suite = useJobsApi();
  const { http } = suite;
  const register = async (body: object = newCustomer): Promise<string> =>
    (await request(http()).post('/api/customers').set(auth).send(body).expect(201)).body.customerId as string;
  const projected = (id: string, version: number): Promise<unknown> =>
    eventually(
      async () => {
        const { rows } = await suite.db().pool.query('SELECT version FROM customers WHERE id = $1', [id]);
        return rows[0]?.version === version;
      },
      { timeoutMs: 15_000 },
    );

  describe("a customer's own data operations", () => {
    let id: string;
    let me: TestSession;
    const ops = (): { get: () => request.Test; put: (ifMatch: string | null, body: object) => request.Test } => ({
      get: () => request(http()).get('/api/customer/data-operations').set(me.headers),
      put: (ifMatch, body) => {
        const test = request(http()).put('/api/customer/data-operations').set(me.headers).send(body);
        return ifMatch === null ? test : test.set('If-Match', ifMatch);
      },
    });
    beforeAll(async () => {
      id = await register({ ...newCustomer, profile: { ...newCustomer.profile, businessName: 'Quiet Books', email: 'owner@quiet.test' } });
      await projected(id, 1);
      me = await customerSession(suite.db().pool, id);
    });

    it('reads and edits its profile with If-Match; 409 with the current version when stale, 428 without, 400 on a bad email', async () => {
      expect((await ops().get().expect(200)).headers.etag).toBe('"1"');
      const edited = await ops().put('"1"', { description: 'Used books and coffee', website: '' }).expect(200);
      expect(edited.body).toMatchObject({ version: 2, profile: { description: 'Used books and coffee', website: '' } });
      expect((await ops().put('"1"', { city: 'Keene' }).expect(409)).body).toMatchObject({ currentVersion: 2 });
      await ops().put(null, { city: 'Keene' }).expect(428);
      await ops().put('"2"', { email: 'x@' }).expect(400);
      const events = await suite.store().readStream(`customer-${id}`);
      expect(events.events[1].metadata.actor).toEqual(me.actor);
      await projected(id, 2);
      expect((await ops().get().expect(200)).body).toMatchObject({ version: 2, profile: { description: 'Used books and coffee' } });
      // Only its own row changed: another customer's is as it was.
      expect((await suite.db().pool.query(`SELECT version, description FROM customers WHERE id = 'acme'`)).rows[0]).toEqual({
        version: 0,
        description: '',
      });
    });

    it('exports everything held about it (POST): profile, history, jobs', async () => {
      await projected(id, 2);
      const jobId = await suite.createJob(id);
      await eventually(async () => (await suite.db().pool.query('SELECT 1 FROM jobs WHERE id = $1', [jobId])).rowCount === 1, {
        timeoutMs: 15_000,
      });
      const { body } = await request(http()).post('/api/customer/data-operations').set(me.headers).expect(200);
      expect(body).toMatchObject({
        exportedAt: expect.any(String),
        customer: { customerId: id, profile: { businessName: 'Quiet Books' } },
      });
      expect(body.history.map((h: { version: number }) => h.version)).toEqual([1, 2]);
      expect(body.jobs).toEqual([expect.objectContaining({ jobId, businessName: 'Quiet Books', directoryCount: 3 })]);
      expect(JSON.stringify(body)).not.toMatch(/Acme|Harbor/);
    });

    it("DELETE deactivates: the customer's sessions end and its logins may no longer sign in", async () => {
      await request(http()).delete('/api/customer/data-operations?erase=maybe').set(me.headers).expect(400);
      const off = await request(http()).delete('/api/customer/data-operations').set(me.headers).expect(200);
      expect(off.body).toMatchObject({ status: 'deactivated', erased: false, profile: { businessName: 'Quiet Books' } });
      await projected(id, off.body.version);
      // Within the session cache's window (SESSION_CACHE_MS) the session stops working, and a right password is refused.
      await eventually(async () => (await ops().get()).status === 401, { timeoutMs: 15_000 });
      await request(http()).post('/api/customer/auth').send({ email: me.email, password: TEST_PASSWORD }).expect(401);
    });

    it('DELETE ?erase=true deactivates and erases every personal field, in the log too', async () => {
      const other = await register({
        ...newCustomer,
        profile: { ...newCustomer.profile, businessName: 'Quiet Books', email: 'owner@quiet.test' },
      });
      await projected(other, 1);
      const them = await customerSession(suite.db().pool, other);
      await request(http())
        .put('/api/customer/data-operations')
        .set(them.headers)
        .set('If-Match', '"1"')
        .send({ description: 'Used books and coffee' })
        .expect(200);
      const erased = await request(http()).delete('/api/customer/data-operations?erase=true').set(them.headers).expect(200);
      expect(erased.body).toMatchObject({ status: 'deactivated', erased: true, profile: { businessName: '[erased]', email: '[erased]' } });
      await projected(other, erased.body.version);
      expect((await request(http()).get(`/api/customers/${other}`).set(auth).expect(200)).body).toMatchObject({
        erased: true,
        profile: { businessName: '[erased]', description: '[erased]' },
      });
      const raw = await suite.db().pool.query(`SELECT data::text AS d FROM events WHERE stream_id = $1`, [`customer-${other}`]);
      const row = await suite.db().pool.query('SELECT * FROM customers WHERE id = $1', [other]);
      for (const value of ['Quiet Books', 'owner@quiet.test', 'Used books and coffee', 'Ana Pine', '+1 555 0123']) {
        expect(raw.rows.map((r) => r.d).join()).not.toContain(value);
        expect(JSON.stringify(row.rows)).not.toContain(value);
      }
      await eventually(async () => (await request(http()).get('/api/customer/data-operations').set(them.headers)).status === 401, {
        timeoutMs: 15_000,
      });
    });

    it('an admin erases a customer through the staff API', async () => {
      const other = await register();
      const erased = await request(http()).post(`/api/customers/${other}/erase`).set(auth).expect(200);
      expect(erased.body).toMatchObject({ erased: true, status: 'deactivated', profile: { businessName: '[erased]' } });
      expect((await request(http()).get(`/api/customers/${other}`).set(auth).expect(200)).body.profile.email).toBe('[erased]');
    });
  });
});
