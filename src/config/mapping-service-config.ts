import type { EnvReader } from './env-reader';

/** The optional mapping service a worker asks when field detection is uncertain (README "Mapping service"). */
export interface MappingServiceConfig {
  /** Absent: the service is off and detection alone decides. */
  readonly url: string | null;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token: string | null;
  /** One request's whole budget (connect, answer, body). */
  readonly timeoutMs: number;
  /** Consecutive failures (errors, timeouts, invalid answers) that open the breaker. */
  readonly breakerThreshold: number;
  /** How long an open breaker refuses requests before one trial goes through. */
  readonly breakerCooldownMs: number;
  /** Answers below this confidence are not used. */
  readonly minConfidence: number;
}

export function readMappingServiceConfig(read: EnvReader): MappingServiceConfig {
  return {
    url: read.url('MAPPING_SERVICE_URL', ['http:', 'https:']),
    token: read.string('MAPPING_SERVICE_TOKEN', '') || null,
    timeoutMs: read.int('MAPPING_SERVICE_TIMEOUT_MS', 3000, 50, 120_000),
    breakerThreshold: read.int('MAPPING_SERVICE_BREAKER_THRESHOLD', 3, 1, 1000),
    breakerCooldownMs: read.int('MAPPING_SERVICE_BREAKER_COOLDOWN_MS', 60_000, 100, 3_600_000),
    minConfidence: read.int('MAPPING_SERVICE_MIN_CONFIDENCE_PCT', 50, 0, 100) / 100,
  };
}
