import type { RetryConfig } from '../config/queue-config';
import { retryBounds, retryDelayMs } from './retry-backoff';

const defaults: RetryConfig = { maxAttempts: 4, baseDelayMs: 30_000, maxDelayMs: 120_000, minDelayMs: 1000 };

describe('retry backoff (full jitter)', () => {
  it('doubles the ceiling per retry from the base and caps it: 30 s, 60 s, 120 s, 120 s', () => {
    expect([1, 2, 3, 4].map((attempt) => retryBounds(attempt, defaults).maxMs)).toEqual([30_000, 60_000, 120_000, 120_000]);
  });

  it('draws uniformly between the floor and the ceiling', () => {
    expect(retryDelayMs(1, defaults, () => 0)).toBe(1000);
    expect(retryDelayMs(2, defaults, () => 0.5)).toBe(30_500);
    expect(retryDelayMs(3, defaults, () => 0.999_999)).toBe(120_000);
  });

  it('stays within bounds over many draws and actually spreads them out', () => {
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(2, defaults));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
    // Jitter: no single delay dominates and both halves of the range are used.
    expect(new Set(delays).size).toBeGreaterThan(1500);
    expect(delays.filter((d) => d < 30_000).length).toBeGreaterThan(600);
    expect(delays.filter((d) => d >= 30_000).length).toBeGreaterThan(600);
  });

  it('never goes below zero or above the cap with small or zero settings', () => {
    const tiny: RetryConfig = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, minDelayMs: 0 };
    expect(retryDelayMs(5, tiny)).toBe(0);
    const floorAboveCeiling: RetryConfig = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 5000, minDelayMs: 1000 };
    expect(retryBounds(1, floorAboveCeiling)).toEqual({ minMs: 100, maxMs: 100 });
    expect(retryBounds(1000, defaults).maxMs).toBe(120_000);
  });
});
