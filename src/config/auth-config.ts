import type { EnvReader } from './env-reader';

export interface AuthConfig {
  /** A staff session ends this long after sign-in (absolute expiry), whatever its use. */
  readonly staffSessionTtlMinutes: number;
  /** A customer session ends this long after sign-in (absolute expiry). */
  readonly customerSessionTtlMinutes: number;
  /** How long a process may answer from its memory that a session is live (0: ask the database every time). */
  readonly sessionCacheMs: number;
}

export function readAuthConfig(read: EnvReader): AuthConfig {
  return {
    staffSessionTtlMinutes: read.int('STAFF_SESSION_TTL_MINUTES', 12 * 60, 1, 30 * 24 * 60),
    customerSessionTtlMinutes: read.int('CUSTOMER_SESSION_TTL_MINUTES', 7 * 24 * 60, 1, 90 * 24 * 60),
    sessionCacheMs: read.int('SESSION_CACHE_MS', 2000, 0, 60_000),
  };
}
