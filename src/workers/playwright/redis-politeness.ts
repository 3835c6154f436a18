import { closeRedis, connectRedis, type RedisClient } from '../../shared/redis-client';
import { abortableDelay, type Politeness } from './politeness';

/**
 * Reserves the next free slot of a domain atomically on the Redis server, with the server's
 * clock: every worker process sharing REDIS_URL keeps one politeness gap per directory domain
 * between them, not one each. Same reservation rule as the in-process DomainPoliteness.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, nextFree)
local gap = tonumber(ARGV[1])
redis.call('SET', KEYS[1], slot + gap, 'PX', slot + gap - now + 1000)
return slot - now`;

export class RedisPoliteness implements Politeness {
  private constructor(
    private readonly client: RedisClient,
    private readonly gapMs: number,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, gapMs: number, prefix = 'dbolt:politeness:'): Promise<RedisPoliteness> {
    return new RedisPoliteness(await connectRedis(url), gapMs, prefix);
  }

  async reserve(domain: string): Promise<number> {
    if (this.gapMs <= 0) return 0;
    const key = `${this.prefix}${domain.trim().toLowerCase()}`;
    return Number(await this.client.eval(RESERVE, { keys: [key], arguments: [String(this.gapMs)] }));
  }

  async wait(domain: string, signal?: AbortSignal): Promise<boolean> {
    return abortableDelay(await this.reserve(domain), signal);
  }

  async close(): Promise<void> {
    await closeRedis(this.client);
  }
}
