import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { RedisRateLimitStorage } from './redis-rate-limit-storage';
import { MemoryRateLimitStorage, type RateLimitStorage } from './rate-limit-storage';
import { RateLimitGuard } from './rate-limit.guard';
import { API_KEY_THROTTLER, apiKeyTracker, IP_THROTTLER, withoutApiKey } from './rate-limit-trackers';

export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

async function createStorage(config: AppConfig): Promise<RateLimitStorage> {
  const url = config.browser.redisUrl;
  if (!url) return new MemoryRateLimitStorage();
  try {
    return await RedisRateLimitStorage.connect(url, config.security.rateLimit.redisPrefix);
  } catch (error) {
    throw new Error(`REDIS_URL is set but Redis did not answer: ${(error as Error).message}`, { cause: error });
  }
}

/** Every request counts against its client IP's limit, and also its key's when it carries X-API-Key. */
export function rateLimitOptions(config: AppConfig, storage: RateLimitStorage): ThrottlerModuleOptions {
  const { perIp, ipWindowMs, perApiKey, apiKeyWindowMs } = config.security.rateLimit;
  return {
    storage,
    throttlers: [
      { name: IP_THROTTLER, limit: perIp, ttl: ipWindowMs },
      { name: API_KEY_THROTTLER, limit: perApiKey, ttl: apiKeyWindowMs, getTracker: apiKeyTracker, skipIf: withoutApiKey },
    ],
  };
}

@Module({
  providers: [{ provide: RATE_LIMIT_STORAGE, inject: [APP_CONFIG], useFactory: createStorage }],
  exports: [RATE_LIMIT_STORAGE],
})
class RateLimitStorageModule implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORAGE) private readonly storage: RateLimitStorage) {}

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}

/** Rate limits for the whole HTTP API (docs/requirements.md R-API-15), as a global guard. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [APP_CONFIG, RATE_LIMIT_STORAGE],
      useFactory: rateLimitOptions,
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitModule {}
