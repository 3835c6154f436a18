import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { API_KEY_THROTTLER } from './rate-limit-trackers';

/**
 * The throttler with the house error body and a plain `Retry-After` (the library names it per
 * throttler), counting per client or key across all routes (the library counts per route).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const { res } = this.getRequestResponse(context);
    const retryAfter = detail.timeToBlockExpire;
    this.setResponseHeader(res, 'Retry-After', retryAfter);
    const who = detail.key.startsWith(`${API_KEY_THROTTLER}:`) ? 'API key' : 'client IP address';
    const message = `Too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s per ${who}; retry after ${retryAfter} s`;
    throw new HttpException({ error: 'rate_limited', message, retryAfterSeconds: retryAfter }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
