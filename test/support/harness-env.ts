import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';

/**
 * Settings every app a test boots starts from (a test's own env wins): test sites listen on
 * 127.0.0.1 and the multi-origin sandbox on its own loopback addresses, which directory URLs may
 * not reach otherwise, and tests send many
 * requests from 127.0.0.1, more than the production rate limits allow. The rate-limit tests set
 * their own limits.
 */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  DIRECTORY_URL_ALLOWLIST: ['127.0.0.1', ...SANDBOX_ALLOWLIST].join(','),
  RATE_LIMIT_PER_IP: '100000000',
  RATE_LIMIT_PER_API_KEY: '100000000',
};
