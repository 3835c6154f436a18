import type { AccountsService } from '../auth/accounts/accounts.service';
import { DomainError } from '../shared/decider';
import { DEMO_CUSTOMER_ID } from './demo-catalog';

/**
 * Fixed and public on purpose: they exist only in demo mode on a loopback HOST, so the README's
 * first command can show a sign-in. Never create them anywhere else.
 */
export const DEMO_ADMIN = { email: 'demo-admin@directorybolt.test', password: 'demo-admin-password' } as const;
export const DEMO_CUSTOMER_LOGIN = { email: 'demo-customer@directorybolt.test', password: 'demo-customer-password' } as const;

/** Creates the demo admin and the demo customer's login, unless an earlier boot did. */
export async function ensureDemoAccounts(accounts: AccountsService): Promise<void> {
  await ignoreExisting(accounts.createStaff({ ...DEMO_ADMIN, displayName: 'Demo admin', role: 'admin' }));
  await ignoreExisting(accounts.createCustomerLogin({ ...DEMO_CUSTOMER_LOGIN, customerId: DEMO_CUSTOMER_ID }));
}

/** How to sign in, as curl lines for the log. */
export function demoSignInHelp(baseUrl: string): string[] {
  const body = (account: { email: string; password: string }): string => JSON.stringify(account);
  return [
    `sign in as the demo admin: curl -s -X POST ${baseUrl}/api/auth/login -H 'Content-Type: application/json' -d '${body(DEMO_ADMIN)}'`,
    `sign in as the demo customer: curl -s -X POST ${baseUrl}/api/customer/auth -H 'Content-Type: application/json' -d '${body(DEMO_CUSTOMER_LOGIN)}'`,
    'then send the token you get: -H "Authorization: Bearer <token>"',
    `or open the operations console at ${baseUrl}/console/ and sign in as the demo admin (${DEMO_ADMIN.email} / ${DEMO_ADMIN.password})`,
  ];
}

async function ignoreExisting(creation: Promise<unknown>): Promise<void> {
  try {
    await creation;
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'ALREADY_EXISTS')) throw error;
  }
}
