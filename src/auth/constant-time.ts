import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first gives equal-length buffers, so neither the content nor the length leaks through timing. */
export function constantTimeEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
