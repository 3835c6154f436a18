import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AccountRepository } from '../../src/auth/accounts/account.repository';
import { hashPassword } from '../../src/auth/passwords/password-hashing';
import type { StaffRole } from '../../src/auth/principal';
import { SessionRepository } from '../../src/auth/sessions/session.repository';
import { DEMO_ADMIN } from '../../src/demo/demo-accounts';
import type { Actor } from '../../src/event-store/event-store.port';

/**
 * The one way tests authenticate: a real account (the real hashing and repositories) and a real
 * session written straight to the database, so it works for in-process apps and spawned ones.
 */
export interface TestSession {
  readonly token: string;
  readonly headers: { readonly Authorization: string };
  readonly accountId: string;
  readonly email: string;
  readonly actor: Actor;
}

export interface SessionOptions {
  readonly role?: StaffRole;
  readonly email?: string;
  readonly password?: string;
  readonly now?: Date;
  readonly ttlMinutes?: number;
}

export const TEST_PASSWORD = 'test-password-0123';

/** A staff account (admin unless told) signed in: `Authorization` headers ready to send. */
export async function staffSession(pool: Pool, options: SessionOptions = {}): Promise<TestSession> {
  const role = options.role ?? 'admin';
  const email = options.email ?? `${role}-${randomBytes(4).toString('hex')}@staff.test`;
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(options.password ?? TEST_PASSWORD);
  const id = randomUUID();
  const database = { pool };
  await new AccountRepository(database).insertStaff({ id, email, displayName: role, role, createdAt: now.toISOString() }, passwordHash);
  return signedIn(pool, 'staff', id, email, now, options.ttlMinutes ?? 720);
}

/** A login of `customerId` (which must exist) signed in. */
export async function customerSession(pool: Pool, customerId: string, options: SessionOptions = {}): Promise<TestSession> {
  const email = options.email ?? `${customerId}-${randomBytes(4).toString('hex')}@customer.test`;
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(options.password ?? TEST_PASSWORD);
  const id = randomUUID();
  await new AccountRepository({ pool }).insertCustomerLogin({ id, email, customerId, createdAt: now.toISOString() }, passwordHash);
  return signedIn(pool, 'customer', id, email, now, options.ttlMinutes ?? 10_080);
}

/** Signs in as the demo admin over HTTP (a demo app on embedded defaults). */
export async function demoAdminSession(baseUrl: string): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  if (response.status !== 200) throw new Error(`demo admin sign-in answered ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  const me = (await (await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string };
  return {
    token,
    headers: { Authorization: `Bearer ${token}` },
    accountId: me.id,
    email: DEMO_ADMIN.email,
    actor: { kind: 'staff', id: me.id },
  };
}

async function signedIn(
  pool: Pool,
  kind: 'staff' | 'customer',
  id: string,
  email: string,
  now: Date,
  ttlMinutes: number,
): Promise<TestSession> {
  const { token } = await new SessionRepository({ pool }).create(kind, id, now, ttlMinutes);
  return { token, headers: { Authorization: `Bearer ${token}` }, accountId: id, email, actor: { kind, id } };
}
