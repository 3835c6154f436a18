import request from 'supertest';
import { auth, UUID, useJobsApi } from '../support/jobs-api-suite';
import { eventually } from '../support/eventually';
import { customerSession, staffSession, type TestSession } from '../support/sessions';
import { newCustomer } from '../support/customer-fixtures';

/** Staff customer endpoints over HTTP: onboarding, edits with If-Match, paging, history, access (R-CUST-4). */
describe('customers API (machine PostgreSQL)', () => {
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

  describe('onboarding without SQL', () => {
    it('registers a customer, gives it a login, lets it sign in, read its profile, and starts a job from the profile', async () => {
      const created = await request(http()).post('/api/customers').set(auth).send(newCustomer).expect(201);
      expect(created.body).toMatchObject({
        customerId: expect.stringMatching(UUID),
        version: 1,
        status: 'active',
        erased: false,
        package: { directoryCount: 3, tier: 'pro' },
      });
      // Markup is stripped from listing text on the way in.
      expect(created.body.profile).toMatchObject({
        businessName: 'Harbor Dental',
        country: 'US',
        logoUrl: 'https://harbor.test/logo.png',
        address2: '',
      });
      expect(created.headers.etag).toBe('"1"');
      const id = created.body.customerId as string;
      expect(created.headers.location).toBe(`/api/customers/${id}`);
      await projected(id, 1);
      await request(http())
        .post('/api/admin/customer-logins')
        .set(auth)
        .send({ customerId: id, email: 'ana@harbor.test', password: 'harbor-long-password' })
        .expect(201);
      const signIn = await request(http())
        .post('/api/customer/auth')
        .send({ email: 'ana@harbor.test', password: 'harbor-long-password' })
        .expect(200);
      const own = await request(http())
        .get('/api/customer/data-operations')
        .set('Authorization', `Bearer ${signIn.body.token}`)
        .expect(200);
      expect(own.body).toMatchObject({ customerId: id, version: 1, profile: { businessName: 'Harbor Dental', email: 'desk@harbor.test' } });
      expect(own.headers.etag).toBe('"1"');
      const jobId = await suite.createJob(id);
      const job = await suite.store().readStream(`job-${jobId}`);
      expect(job.events[0]).toMatchObject({
        type: 'JobCreated',
        data: {
          customerId: id,
          packageTier: 'pro',
          business: { businessName: 'Harbor Dental', city: 'Portsmouth', contactName: 'Ana Pine' },
        },
      });
    });

    it('refuses bad registrations with 400 naming the problem, and writes nothing', async () => {
      const post = (body: object): request.Test => request(http()).post('/api/customers').set(auth).send(body);
      const before = (await suite.db().pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'customer-%'`)).rows[0].n;
      expect(
        (await post({ ...newCustomer, profile: { ...newCustomer.profile, email: 'not-an-email' } }).expect(400)).body.message,
      ).toContain('email must be an email address');
      expect(
        (await post({ ...newCustomer, profile: { ...newCustomer.profile, businessName: '<i></i> ' } }).expect(400)).body.message,
      ).toContain('businessName must not be blank');
      expect(
        (await post({ ...newCustomer, profile: { ...newCustomer.profile, website: 'javascript:alert(1)' } }).expect(400)).body.message,
      ).toContain('website must be an http(s) URL');
      expect((await post({ ...newCustomer, package: { directoryCount: 501, tier: 'pro' } }).expect(400)).body.message).toContain(
        'directoryCount',
      );
      expect((await post({ ...newCustomer, package: { directoryCount: 5, tier: 'gold' } }).expect(400)).body.message).toContain(
        'tier must be one of',
      );
      expect((await post({ ...newCustomer, rogue: 1 }).expect(400)).body.message).toContain('property rogue should not exist');
      expect((await post({ profile: newCustomer.profile }).expect(400)).body.message).toContain('package must be an object');
      expect((await post({ package: newCustomer.package }).expect(400)).body.message).toContain('profile must be an object');
      await post({ profile: 'x', package: [] }).expect(400);
      await post({}).expect(400);
      expect((await suite.db().pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'customer-%'`)).rows[0].n).toBe(
        before,
      );
    });
  });

  describe('staff edits', () => {
    let id: string;
    beforeAll(async () => {
      id = await register();
    });

    it('edits the profile with If-Match: 200 with the new version; 409 with the current one when stale; 428 without; 400 when malformed', async () => {
      const edit = (ifMatch: string | null, body: object): request.Test => {
        const test = request(http()).patch(`/api/customers/${id}/profile`).set(auth).send(body);
        return ifMatch === null ? test : test.set('If-Match', ifMatch);
      };
      const edited = await edit('"1"', { city: 'Dover', address2: 'Suite <script>x</script>4' }).expect(200);
      expect(edited.body).toMatchObject({ version: 2, profile: { city: 'Dover', address2: 'Suite 4', businessName: 'Harbor Dental' } });
      expect(edited.headers.etag).toBe('"2"');
      expect((await edit('"1"', { city: 'Rye' }).expect(409)).body).toMatchObject({ error: 'version_conflict', currentVersion: 2 });
      expect((await edit(null, { city: 'Rye' }).expect(428)).body.error).toBe('precondition_required');
      await edit('*', { city: 'Rye' }).expect(400);
      expect((await edit('"2"', { email: 'nope' }).expect(400)).body.message).toContain('email must be an email address');
      expect((await edit('"2"', { owner: 'x' }).expect(400)).body.message).toContain('property owner should not exist');
      const got = await request(http()).get(`/api/customers/${id}`).set(auth).expect(200);
      expect(got.body).toMatchObject({ version: 2, profile: { city: 'Dover' } });
      expect(got.headers.etag).toBe('"2"');
    });

    it('sells a package, deactivates, and refuses a package for a deactivated customer (409) and new jobs for it (404)', async () => {
      const bought = await request(http())
        .post(`/api/customers/${id}/packages`)
        .set(auth)
        .send({ directoryCount: 4, tier: 'starter' })
        .expect(200);
      expect(bought.body).toMatchObject({ package: { directoryCount: 4, tier: 'starter' }, version: 3 });
      await request(http()).post(`/api/customers/${id}/packages`).set(auth).send({ directoryCount: 0, tier: 'starter' }).expect(400);
      await request(http()).post(`/api/customers/${id}/deactivate`).set(auth).set('If-Match', '"1"').expect(409);
      const off = await request(http()).post(`/api/customers/${id}/deactivate`).set(auth).expect(200);
      expect(off.body).toMatchObject({ status: 'deactivated', version: 4 });
      expect(
        (await request(http()).post(`/api/customers/${id}/packages`).set(auth).send({ directoryCount: 4, tier: 'pro' }).expect(409)).body
          .message,
      ).toContain('deactivated');
      await projected(id, 4);
      await request(http()).post(`/api/queue/${id}`).set(auth).expect(404);
    });

    it('lists the history: who did what, and which fields, never their values', async () => {
      await projected(id, 4);
      const { body } = await request(http()).get(`/api/customers/${id}/history`).set(auth).expect(200);
      expect(body.history.map((h: { type: string }) => h.type)).toEqual([
        'CustomerRegistered',
        'BusinessProfileUpdated',
        'PackagePurchased',
        'CustomerDeactivated',
      ]);
      expect(body.history[1]).toMatchObject({
        version: 2,
        actor: { kind: 'staff', id: suite.admin().accountId },
        fields: ['address2', 'city'],
      });
      expect(JSON.stringify(body)).not.toContain('Dover');
    });

    it('pages the list by id (keyset), including customers inserted by SQL', async () => {
      const first = await request(http()).get('/api/customers?limit=2').set(auth).expect(200);
      expect(first.body.customers).toHaveLength(2);
      expect(first.body.next).toBe(first.body.customers[1].customerId);
      const all: string[] = [];
      let after: string | null = null;
      do {
        const page: request.Response = await request(http())
          .get(`/api/customers?limit=2${after ? `&after=${after}` : ''}`)
          .set(auth)
          .expect(200);
        all.push(...page.body.customers.map((c: { customerId: string }) => c.customerId));
        after = page.body.next;
      } while (after);
      expect(all).toEqual([...all].sort());
      expect(all).toEqual(expect.arrayContaining(['acme', 'lister', 'big-co', id]));
      await request(http()).get('/api/customers?limit=0').set(auth).expect(400);
      await request(http()).get('/api/customers?after=%27%3B--').set(auth).expect(400);
    });

    it('edits a customer that was inserted by SQL: registered from its row first (version 0 → 2)', async () => {
      const legacy = await request(http()).get('/api/customers/lister').set(auth).expect(200);
      expect(legacy.body).toMatchObject({ version: 0, profile: { businessName: 'Lister Ltd' } });
      const edited = await request(http())
        .patch('/api/customers/lister/profile')
        .set(auth)
        .set('If-Match', '"0"')
        .send({ phone: '+44 113 000' })
        .expect(200);
      expect(edited.body).toMatchObject({ version: 2, profile: { businessName: 'Lister Ltd', phone: '+44 113 000', city: 'Leeds' } });
      await projected('lister', 2);
    });
  });

  describe('access', () => {
    let staff: TestSession;
    let acme: TestSession;
    beforeAll(async () => {
      staff = await staffSession(suite.db().pool, { role: 'staff' });
      acme = await customerSession(suite.db().pool, 'acme');
    });

    it('401 without a session, 403 for customers on staff routes, 404 for unknown ids, 400 for malformed ones', async () => {
      await request(http()).get('/api/customers').expect(401);
      await request(http()).post('/api/customers').send(newCustomer).expect(401);
      await request(http()).get('/api/customer/data-operations').expect(401);
      await request(http()).get('/api/customers').set(acme.headers).expect(403);
      await request(http()).post('/api/customers').set(acme.headers).send(newCustomer).expect(403);
      await request(http()).patch('/api/customers/acme/profile').set(acme.headers).set('If-Match', '"0"').send({ city: 'X' }).expect(403);
      await request(http()).get('/api/customers/nobody').set(auth).expect(404);
      await request(http()).get('/api/customers/nobody/history').set(auth).expect(404);
      await request(http()).patch('/api/customers/nobody/profile').set(auth).set('If-Match', '"0"').send({ city: 'X' }).expect(404);
      await request(http()).get('/api/customers/bad%20id!').set(auth).expect(400);
    });

    it("erasure is for admins only (403 for staff); staff sessions may not use a customer's data operations (403)", async () => {
      await request(http()).post('/api/customers/acme/erase').set(staff.headers).expect(403);
      await request(http()).get('/api/customer/data-operations').set(staff.headers).expect(403);
    });

    it('customer A reads its own customer but gets 404 for B, and cannot edit B', async () => {
      await request(http()).get('/api/customers/acme').set(acme.headers).expect(200);
      expect((await request(http()).get('/api/customers/big-co').set(acme.headers).expect(404)).body).toEqual({
        error: 'not_found',
        message: 'Customer big-co does not exist',
      });
      await request(http()).get('/api/customers/big-co/history').set(acme.headers).expect(404);
      await request(http()).post('/api/customers/big-co/deactivate').set(acme.headers).expect(403);
    });
  });
});
