import type { EnvReader } from './env-reader';

/** How `/api/health` and `/api/health/ready` judge this process's dependencies. */
export interface HealthConfig {
  /** A dependency that has not answered within this counts as down (a hung database must not hang the probe). */
  readonly checkTimeoutMs: number;
  /** A projection whose oldest unapplied event is older than this makes health `degraded`. */
  readonly projectionLagSeconds: number;
}

export function readHealthConfig(read: EnvReader): HealthConfig {
  return {
    checkTimeoutMs: read.int('HEALTH_CHECK_TIMEOUT_MS', 3000, 100, 60_000),
    projectionLagSeconds: read.int('HEALTH_PROJECTION_LAG_SECONDS', 120, 1, 86_400),
  };
}
