import type { RetryConfig } from '../config/queue-config';

export interface BackoffBounds {
  readonly minMs: number;
  readonly maxMs: number;
}

/**
 * Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): the n-th retry waits
 * a uniform draw below min(cap, base·2^(n−1)), so failing submissions spread out instead of
 * returning together (the system this replaces waited a fixed 30 s without jitter). A floor keeps a draw near zero
 * from hammering the directory at once.
 */
export function retryBounds(failedAttempt: number, config: RetryConfig): BackoffBounds {
  const exponent = Math.max(0, Math.min(failedAttempt - 1, 30));
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** exponent);
  return { minMs: Math.min(config.minDelayMs, ceiling), maxMs: ceiling };
}

/** `random` in [0, 1): injectable so tests can pin the draw. */
export function retryDelayMs(failedAttempt: number, config: RetryConfig, random: () => number = Math.random): number {
  const { minMs, maxMs } = retryBounds(failedAttempt, config);
  return Math.round(minMs + random() * (maxMs - minMs));
}
