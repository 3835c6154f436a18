import request from 'supertest';
import { useIdentityApp } from '../support/identity-suite';
import { staffSession, TEST_PASSWORD } from '../support/sessions';

const MINUTE = 60_000;

/**
 * Lockout (docs/requirements.md R-AUTH-4; the seed's table: 100 login attempts → 429 after 5).
 * Every request here comes from one address, so the per-address count is reached together with
 * the per-account one; the tests clear one to show the other.
 */
describe('sign-in lockout (machine PostgreSQL, movable clock)', () => {
  const suite = useIdentityApp();
  const { http, login } = suite;
  const admin = (): Record<string, string> => suite.admin().headers;
  const lockouts = async (): Promise<{ subject: string; lockedUntil: string; failures: number }[]> =>
    (await request(http()).get('/api/admin/lockouts').set(admin()).expect(200)).body.lockouts;
  const clear = (subject: string): request.Test =>
    request(http())
      .delete(`/api/admin/lockouts/${encodeURIComponent(subject)}`)
      .set(admin());
  const ipSubject = async (): Promise<string> => (await lockouts()).find((l) => l.subject.startsWith('ip:'))!.subject;

  beforeEach(async () => {
    await suite.db().pool.query('DELETE FROM sign_in_attempts; DELETE FROM sign_in_lockouts');
  });

  it('100 wrong passwords for one account: 5 × 401, then 95 × 429 with Retry-After; the right password is refused too', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'eve@ops.test', now: suite.clock().now() });
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 100; attempt += 1) {
      const response = await login('eve@ops.test', `wrong-password-${attempt}`);
      statuses.push(response.status);
      if (attempt > 5) {
        expect(response.headers['retry-after']).toBe('900');
        expect(response.body).toMatchObject({ error: 'too_many_sign_in_attempts', message: expect.stringContaining('900 seconds') });
      }
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    suite.clock().advance(5 * MINUTE);
    const right = await login('eve@ops.test').expect(429);
    expect(right.headers['retry-after']).toBe('600');
    expect(await lockouts()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: 'staff:eve@ops.test',
          lockedUntil: new Date(suite.clock().now().getTime() + 10 * MINUTE).toISOString(),
          failures: 5,
        }),
      ]),
    );
  });

  it('locks the account, not just the address: with the address cleared, the account stays locked and others sign in', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'fay@ops.test', now: suite.clock().now() });
    await staffSession(suite.db().pool, { role: 'staff', email: 'gus@ops.test', now: suite.clock().now() });
    for (let attempt = 0; attempt < 5; attempt += 1) await login('fay@ops.test', 'wrong-password').expect(401);
    await clear(await ipSubject()).expect(204);
    await login('fay@ops.test').expect(429);
    await login('gus@ops.test').expect(200);
  });

  it('locks the address: 5 failures over 5 emails from one address refuse a 6th account with the right password', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'hal@ops.test', now: suite.clock().now() });
    for (let i = 0; i < 5; i += 1) await login(`stranger-${i}@ops.test`, 'guess-password').expect(401);
    const refused = await login('hal@ops.test').expect(429);
    expect(Number(refused.headers['retry-after'])).toBe(900);
    expect((await lockouts()).map((l) => l.subject)).toEqual([expect.stringMatching(/^ip:/)]);
  });

  it('counts concurrent guesses: of 20 at once, exactly 5 are checked', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'ivy@ops.test', now: suite.clock().now() });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('ivy@ops.test', `guess-${i}-password`)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(15).fill(429)]);
  });

  it('ends 15 minutes after the 5th failure, and is forgotten half an hour on', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'jo@ops.test', now: suite.clock().now() });
    for (let attempt = 0; attempt < 5; attempt += 1) await login('jo@ops.test', 'wrong-password').expect(401);
    suite.clock().advance(15 * MINUTE - 1000);
    expect((await login('jo@ops.test').expect(429)).headers['retry-after']).toBe('1');
    suite.clock().advance(1000);
    await login('jo@ops.test').expect(200);
    expect(await lockouts()).toEqual([]);
    // Half an hour on, the next sign-in forgets the old failures and the finished lockouts.
    const rows = async (): Promise<number> =>
      (await suite.db().pool.query('SELECT (SELECT count(*) FROM sign_in_attempts) + (SELECT count(*) FROM sign_in_lockouts) AS n')).rows[0]
        .n;
    expect(Number(await rows())).toBeGreaterThan(0);
    suite.clock().advance(31 * MINUTE);
    await login('jo@ops.test').expect(200);
    expect(Number(await rows())).toBe(0);
  });

  it('an admin lists and clears lockouts; clearing an unknown one is 404; staff may not', async () => {
    await staffSession(suite.db().pool, { role: 'staff', email: 'kit@ops.test', now: suite.clock().now() });
    for (let attempt = 0; attempt < 5; attempt += 1) await login('kit@ops.test', 'wrong-password').expect(401);
    expect((await lockouts()).map((l) => l.subject).sort()).toEqual([expect.stringMatching(/^ip:/), 'staff:kit@ops.test']);
    const staff = await staffSession(suite.db().pool, { role: 'staff', now: suite.clock().now() });
    const forbidden = await request(http()).delete('/api/admin/lockouts/staff%3Akit%40ops.test').set(staff.headers).expect(403);
    expect(forbidden.body.message).toContain('admin role');
    await request(http()).get('/api/admin/lockouts').set(staff.headers).expect(403);
    await clear('staff:kit@ops.test').expect(204);
    await clear(await ipSubject()).expect(204);
    await login('kit@ops.test', TEST_PASSWORD).expect(200);
    await clear('staff:kit@ops.test').expect(404);
  });
});
