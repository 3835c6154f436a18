import { Logger } from '@nestjs/common';
import { closeRedis, connectRedis, type RedisClient } from '../../shared/redis-client';
import { withTimeout } from '../../workers/browser/with-timeout';
import { MemoryRateLimitStorage, windowRecord, type RateLimitStorage, type ThrottlerStorageRecord } from './rate-limit-storage';

/** One round trip, atomic on the server: count the hit, start the window on the first one. */
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {hits, left}`;

/** A Redis that accepts but never answers must not hold requests up. */
const CALL_TIMEOUT_MS = 1000;

/**
 * Fixed windows in Redis, so every API process sharing REDIS_URL sees one count per client and
 * key. While Redis fails, each process counts on its own (logged once per outage) rather than
 * refusing everyone or letting everyone through.
 */
export class RedisRateLimitStorage implements RateLimitStorage {
  private readonly logger = new Logger('RateLimit');
  private failing = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
    private readonly fallback: MemoryRateLimitStorage,
  ) {}

  static async connect(url: string, prefix: string, fallback = new MemoryRateLimitStorage()): Promise<RedisRateLimitStorage> {
    return new RedisRateLimitStorage(await connectRedis(url, { failFastWhenDown: true }), prefix, fallback);
  }

  async increment(key: string, ttlMs: number, limit: number): Promise<ThrottlerStorageRecord> {
    try {
      const call = this.client.eval(HIT, { keys: [`${this.prefix}${key}`], arguments: [String(ttlMs)] });
      const [hits, left] = (await withTimeout(call, CALL_TIMEOUT_MS, 'Redis rate-limit call')) as [number, number];
      this.recovered();
      return windowRecord(Number(hits), Number(left), limit);
    } catch (error) {
      this.failed(error);
      return this.fallback.hit(key, ttlMs, limit);
    }
  }

  async close(): Promise<void> {
    await closeRedis(this.client);
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(`Redis unavailable for rate limits (${(error as Error).message}): counting in this process until it answers`);
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log('Redis answers again: rate-limit counts are shared again');
  }
}
