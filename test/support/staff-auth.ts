import type { App } from 'supertest/types';

/** The staff token the suites below boot their app with (STAFF_API_TOKEN). */
export const STAFF_TOKEN = 'e2e-staff-token-0123456789';

/**
 * The headers that make a request an admin's. The one place suites learn how staff authenticate:
 * when sign-in replaces the static token, only this changes (it takes the app so it can sign in).
 */
export async function staffHeaders(_app: App): Promise<Record<string, string>> {
  return { Authorization: `Bearer ${STAFF_TOKEN}` };
}
