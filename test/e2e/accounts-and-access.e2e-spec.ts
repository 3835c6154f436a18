import request from 'supertest';
import { auth, useJobsApi, ZERO } from '../support/jobs-api-suite';
import { eventually } from '../support/eventually';
import { customerSession, staffSession, TEST_PASSWORD, type TestSession } from '../support/sessions';

/** Account management (admin), roles on routes, and customers seeing only their own work. */
describe('accounts, roles and customer access (machine PostgreSQL)', () => {
  const suite = useJobsApi();
  const { http, createJob } = suite;
  const login = (email: string, password = TEST_PASSWORD): request.Test =>
    request(http()).post('/api/auth/login').send({ email, password });

  describe('account management (admin)', () => {
    it('creates a staff account that can sign in, lists it without any password, and refuses a duplicate email with 409', async () => {
      const created = await request(http())
        .post('/api/admin/accounts')
        .set(auth)
        .send({ email: 'Lee@Ops.test', displayName: 'Lee', role: 'staff', password: 'a-good-long-password' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: 'lee@ops.test',
        displayName: 'Lee',
        role: 'staff',
        disabled: false,
        createdAt: expect.any(String),
      });
      await login('lee@ops.test', 'a-good-long-password').expect(200);
      const listed = await request(http()).get('/api/admin/accounts').set(auth).expect(200);
      expect(listed.body.accounts).toContainEqual(created.body);
      expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|password/i);
      const duplicate = await request(http())
        .post('/api/admin/accounts')
        .set(auth)
        .send({ email: 'LEE@ops.test', role: 'admin', password: 'another-long-password' })
        .expect(409);
      expect(duplicate.body).toEqual({ error: 'already_exists', message: 'An account with email lee@ops.test already exists' });
    });

    it('refuses a short password, the email as password and an unknown role with 400', async () => {
      const create = (body: object): request.Test => request(http()).post('/api/admin/accounts').set(auth).send(body);
      expect((await create({ email: 'mo@ops.test', role: 'staff', password: 'short-pw' }).expect(400)).body.message).toContain(
        'at least 12 characters',
      );
      expect(
        (await create({ email: 'long.name@ops.test', role: 'staff', password: 'LONG.NAME@ops.test' }).expect(400)).body.message,
      ).toContain('must not be the email');
      expect((await create({ email: 'mo@ops.test', role: 'root', password: 'a-good-long-password' }).expect(400)).body.message).toContain(
        'role',
      );
    });

    it('disabling an account ends its sessions at once and stops its sign-ins; 404 for an unknown account', async () => {
      const member = await staffSession(suite.db().pool, { role: 'staff' });
      const second = (await login(member.email).expect(200)).body.token as string;
      await request(http()).get('/api/queue/acme').set(member.headers).expect(200);
      await request(http()).post(`/api/admin/accounts/${member.accountId}/disable`).set(auth).expect(200);
      await request(http()).get('/api/queue/acme').set(member.headers).expect(401);
      await request(http()).get('/api/auth/me').set('Authorization', `Bearer ${second}`).expect(401);
      const revoked = await suite
        .db()
        .pool.query('SELECT count(*)::int AS n FROM sessions WHERE account_id = $1 AND revoked_at IS NOT NULL', [member.accountId]);
      expect(revoked.rows[0].n).toBe(2);
      await login(member.email).expect(401);
      await request(http()).post(`/api/admin/accounts/${ZERO}/disable`).set(auth).expect(404);
      await request(http()).post('/api/admin/accounts/not-a-uuid/disable').set(auth).expect(400);
    });

    it('creates a customer login for an existing customer: 404 for an unknown customer, 409 for a taken email', async () => {
      const create = (customerId: string, email: string): request.Test =>
        request(http()).post('/api/admin/customer-logins').set(auth).send({ customerId, email, password: 'customer-long-password' });
      const created = await create('acme', 'front-desk@acme.test').expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        email: 'front-desk@acme.test',
        customerId: 'acme',
        disabled: false,
        createdAt: expect.any(String),
      });
      await request(http())
        .post('/api/customer/auth')
        .send({ email: 'front-desk@acme.test', password: 'customer-long-password' })
        .expect(200);
      expect((await create('nobody', 'x@nobody.test').expect(404)).body).toEqual({
        error: 'not_found',
        message: 'Customer nobody does not exist',
      });
      await create('lister', 'FRONT-DESK@acme.test').expect(409);
    });

    it('answers 403 naming the admin role to staff, and to customers, on every admin route', async () => {
      const member = await staffSession(suite.db().pool, { role: 'staff' });
      const customer = await customerSession(suite.db().pool, 'acme');
      const routes: [string, string][] = [
        ['post', '/api/admin/accounts'],
        ['get', '/api/admin/accounts'],
        ['post', `/api/admin/accounts/${ZERO}/disable`],
        ['post', '/api/admin/customer-logins'],
        ['get', '/api/admin/lockouts'],
        ['delete', '/api/admin/lockouts/ip%3A1.2.3.4'],
        ['post', '/api/admin/dlq/redrive'],
        ['post', '/api/admin/projections/jobs/rebuild'],
      ];
      for (const [method, path] of routes) {
        const asStaff = await request(http())[method as 'get'](path).set(member.headers).expect(403);
        expect(asStaff.body).toEqual({ error: 'forbidden', message: expect.stringContaining('admin role') });
        await request(http())[method as 'get'](path).set(customer.headers).expect(403);
      }
      await request(http()).get('/api/admin/dlq').set(member.headers).expect(200);
    });
  });

  describe('customers see their own work only', () => {
    let acme: TestSession;
    let acmeJob: string;
    let listerJob: string;

    beforeAll(async () => {
      acme = await customerSession(suite.db().pool, 'acme');
      acmeJob = await createJob('acme');
      listerJob = await createJob('lister');
    });

    it('lists its own jobs and reads its own job', async () => {
      const listed = await eventually(async () => {
        const { body } = await request(http()).get('/api/queue/acme').set(acme.headers).expect(200);
        return (body.jobs as { jobId: string }[]).some((job) => job.jobId === acmeJob) ? body : null;
      });
      expect(listed.customerId).toBe('acme');
      expect((await request(http()).get(`/api/jobs/${acmeJob}`).set(acme.headers).expect(200)).body).toMatchObject({
        jobId: acmeJob,
        customerId: 'acme',
      });
    });

    it("gets 404 for another customer's ids, worded exactly as for ids that do not exist", async () => {
      const other = await request(http()).get('/api/queue/lister').set(acme.headers).expect(404);
      const unknown = await request(http()).get('/api/queue/nobody').set(acme.headers).expect(404);
      expect(other.body).toEqual({ error: 'not_found', message: 'Customer lister does not exist' });
      expect(unknown.body).toEqual({ error: 'not_found', message: 'Customer nobody does not exist' });
      const job = await request(http()).get(`/api/jobs/${listerJob}`).set(acme.headers).expect(404);
      expect(job.body).toEqual({ error: 'not_found', message: `Job ${listerJob} does not exist` });
      expect(JSON.stringify(job.body)).not.toContain('Lister Ltd');
    });

    it('is refused with 403 on staff routes: create, cancel, retry, override, timeline, submissions, DLQ, metrics, integrations', async () => {
      const routes: [string, string][] = [
        ['post', '/api/queue/acme'],
        ['patch', `/api/jobs/${acmeJob}`],
        ['post', `/api/jobs/${acmeJob}/cancel`],
        ['post', `/api/jobs/${acmeJob}/retry`],
        ['get', `/api/jobs/${acmeJob}/events`],
        ['get', `/api/jobs/${acmeJob}/submissions`],
        ['get', `/api/jobs/${acmeJob}/state?position=1`],
        ['get', '/api/admin/dlq'],
        ['get', '/api/metrics'],
        ['get', '/api/autobolt/dynamic-mapping'],
      ];
      for (const [method, path] of routes) {
        const response = await request(http())[method as 'get'](path).set(acme.headers).expect(403);
        expect(response.body).toEqual({ error: 'forbidden', message: expect.stringContaining('customer session may not') });
      }
      expect(await suite.streamTypes(acmeJob)).toEqual(['JobCreated', 'JobQueued']);
    });
  });
});
