import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AccountRepository } from '../../src/auth/accounts/account.repository';
import { hashPassword } from '../../src/auth/passwords/password-hashing';

const EMAIL = 'bench-staff@directorybolt.test';
const PASSWORD = 'bench-staff-password';

/** A staff account (or an admin) on the bench database, signed in through the app's own login: the headers to send. */
export async function benchStaffHeaders(pool: Pool, baseUrl: string, role: 'staff' | 'admin' = 'staff'): Promise<Record<string, string>> {
  const email = role === 'staff' ? EMAIL : `bench-${role}@directorybolt.test`;
  const account = { id: randomUUID(), email, displayName: 'bench', role, createdAt: new Date().toISOString() };
  await new AccountRepository({ pool }).insertStaff(account, await hashPassword(PASSWORD));
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`bench sign-in: ${response.status} ${await response.text()}`);
  return { Authorization: `Bearer ${((await response.json()) as { token: string }).token}` };
}
