import { createHash } from 'node:crypto';
import request from 'supertest';
import { customerSession, staffSession, TEST_PASSWORD } from '../support/sessions';
import { useIdentityApp } from '../support/identity-suite';

const HOUR = 3_600_000;

describe('sessions: sign-in, expiry, sign-out (machine PostgreSQL, movable clock)', () => {
  const suite = useIdentityApp();
  const { http, login } = suite;
  const me = (token: string): request.Test => request(http()).get('/api/auth/me').set('Authorization', `Bearer ${token}`);

  beforeEach(async () => {
    // Each test's failures must not lock the next one out (every request comes from 127.0.0.1).
    await suite.db().pool.query('DELETE FROM sign_in_attempts; DELETE FROM sign_in_lockouts');
  });

  it('signs staff in with email and password: an opaque token, stored only as its SHA-256, that /api/auth/me resolves', async () => {
    const ana = await staffSession(suite.db().pool, { role: 'staff', email: 'ana@ops.test', now: suite.clock().now() });
    const response = await login('  ANA@ops.test ').expect(200);
    const now = suite.clock().now().getTime();
    expect(response.body).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenType: 'Bearer',
      expiresAt: new Date(now + 12 * HOUR).toISOString(),
    });
    const { token } = response.body as { token: string };
    const hash = createHash('sha256').update(token).digest('hex');
    const stored = await suite.db().pool.query('SELECT account_id FROM sessions WHERE token_hash = $1', [hash]);
    expect(stored.rows).toEqual([{ account_id: ana.accountId }]);
    expect((await suite.db().pool.query('SELECT 1 FROM sessions WHERE token_hash = $1', [token])).rowCount).toBe(0);
    expect((await me(token).expect(200)).body).toEqual({ kind: 'staff', id: ana.accountId, email: 'ana@ops.test', role: 'staff' });
  });

  it('signs a customer in at /api/customer/auth for 7 days, then the session ends', async () => {
    const login1 = await customerSession(suite.db().pool, 'acme', { email: 'owner@acme-login.test', now: suite.clock().now() });
    const response = await login('owner@acme-login.test', TEST_PASSWORD, 'customer').expect(200);
    expect(response.body.expiresAt).toBe(new Date(suite.clock().now().getTime() + 7 * 24 * HOUR).toISOString());
    expect((await me(response.body.token as string).expect(200)).body).toEqual({
      kind: 'customer',
      id: login1.accountId,
      email: 'owner@acme-login.test',
      customerId: 'acme',
    });
    suite.clock().advance(7 * 24 * HOUR - 1000);
    await me(response.body.token as string).expect(200);
    suite.clock().advance(1000);
    await me(response.body.token as string).expect(401);
    // A customer login is not a staff account, and the other way round.
    await login('owner@acme-login.test').expect(401);
    await login(suite.admin().email, TEST_PASSWORD, 'customer').expect(401);
  });

  it('answers 400 naming the field for a missing or malformed email, a missing password or an unknown field', async () => {
    for (const path of ['/api/auth/login', '/api/customer/auth']) {
      const missing = await request(http()).post(path).send({ password: TEST_PASSWORD }).expect(400);
      expect(missing.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('email') });
      await request(http()).post(path).send({ email: 'not-an-email', password: TEST_PASSWORD }).expect(400);
      const noPassword = await request(http()).post(path).send({ email: 'a@b.test' }).expect(400);
      expect(noPassword.body.message).toContain('password');
      const extra = await request(http()).post(path).send({ email: 'a@b.test', password: TEST_PASSWORD, role: 'admin' }).expect(400);
      expect(extra.body.message).toContain('role');
    }
  });

  it('answers 401 with one message for a wrong password, an unknown email and a disabled account', async () => {
    const bob = await staffSession(suite.db().pool, { role: 'staff', email: 'bob@ops.test', now: suite.clock().now() });
    const wrong = await login('bob@ops.test', 'not-the-password').expect(401);
    const unknown = await login('nobody@ops.test').expect(401);
    await suite.db().pool.query('UPDATE staff_accounts SET disabled = true WHERE id = $1', [bob.accountId]);
    const disabled = await login('bob@ops.test').expect(401);
    for (const response of [wrong, unknown, disabled])
      expect(response.body).toEqual({ error: 'invalid_credentials', message: 'Wrong email or password' });
    await me(bob.token).expect(401);
  });

  it('answers 401 with WWW-Authenticate for no token, a malformed header and an unknown token', async () => {
    for (const header of [undefined, 'Basic abc', 'Bearer', 'Bearer not-a-session-token']) {
      const test = request(http()).get('/api/auth/me');
      const response = await (header ? test.set('Authorization', header) : test).expect(401);
      expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('ends a staff session 12 h after sign-in however much it is used (absolute expiry)', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'cy@ops.test', now: suite.clock().now() });
    const { token } = (await login('cy@ops.test').expect(200)).body as { token: string };
    suite.clock().advance(6 * HOUR);
    await me(token).expect(200);
    suite.clock().advance(6 * HOUR - 1000);
    await me(token).expect(200);
    suite.clock().advance(1000);
    const expired = await me(token).expect(401);
    expect(expired.body.message).toContain('expired');
    await request(http()).get('/api/queue/acme').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('signs out the presented session only: staff and customer', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'dee@ops.test', now: suite.clock().now() });
    const first = (await login('dee@ops.test').expect(200)).body.token as string;
    const second = (await login('dee@ops.test').expect(200)).body.token as string;
    await request(http()).post('/api/auth/logout').set('Authorization', `Bearer ${first}`).expect(204);
    await me(first).expect(401);
    await request(http()).post('/api/auth/logout').set('Authorization', `Bearer ${first}`).expect(401);
    await me(second).expect(200);
    const signedOut = async (): Promise<number> =>
      Number(
        (
          await suite
            .db()
            .pool.query(
              "SELECT count(*) AS n FROM sessions s JOIN staff_accounts a ON a.id = s.account_id WHERE a.email = 'dee@ops.test' AND s.revoked_at IS NOT NULL",
            )
        ).rows[0].n,
      );
    expect(await signedOut()).toBe(1);
    await login('dee@ops.test').expect(200);
    expect(await signedOut()).toBe(0); // ended sessions go as the account signs in again
    const customer = await customerSession(suite.db().pool, 'lister', { now: suite.clock().now() });
    await request(http()).post('/api/auth/logout').set(customer.headers).expect(204);
    await request(http()).get('/api/queue/lister').set(customer.headers).expect(401);
  });
});
