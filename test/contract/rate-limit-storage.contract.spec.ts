import { randomBytes } from 'node:crypto';
import { MemoryRateLimitStorage } from '../../src/http/rate-limit/rate-limit-storage';
import { RedisRateLimitStorage } from '../../src/http/rate-limit/redis-rate-limit-storage';
import { rateLimitStorageContract } from './rate-limit-storage.contract';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = (): string => `dbolt-test:rate:${randomBytes(4).toString('hex')}:`;

let now = 1_000_000;
rateLimitStorageContract(
  'memory',
  {
    open: async () => new MemoryRateLimitStorage(() => now),
    elapse: async (ms) => {
      now += ms;
    },
  },
  60_000,
);

// Redis keeps time itself: a short window stands in for the minute.
rateLimitStorageContract(
  "redis (the machine's)",
  {
    open: () => RedisRateLimitStorage.connect(REDIS_URL, prefix()),
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
  300,
);

describe('RedisRateLimitStorage across processes and outages', () => {
  it('two clients on one prefix share one count (two API processes)', async () => {
    const shared = prefix();
    const [a, b] = await Promise.all([RedisRateLimitStorage.connect(REDIS_URL, shared), RedisRateLimitStorage.connect(REDIS_URL, shared)]);
    try {
      const totals = [];
      for (let i = 0; i < 3; i += 1) {
        totals.push((await a.increment('ip:x', 60_000, 5)).totalHits, (await b.increment('ip:x', 60_000, 5)).totalHits);
      }
      expect(totals).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await b.increment('ip:x', 60_000, 5)).isBlocked).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('counts in the process while Redis is unreachable instead of failing the request', async () => {
    const fallback = new MemoryRateLimitStorage(() => now);
    const storage = await RedisRateLimitStorage.connect(REDIS_URL, prefix(), fallback);
    await storage.close();
    expect(await storage.increment('ip:y', 60_000, 1)).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await storage.increment('ip:y', 60_000, 1)).toMatchObject({ totalHits: 2, isBlocked: true });
  });

  it('refuses to start when REDIS_URL does not answer', async () => {
    await expect(RedisRateLimitStorage.connect('redis://127.0.0.1:1', prefix())).rejects.toThrow();
  });
});
