import type { ExecutionContext } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const IP_THROTTLER = 'ip';
export const API_KEY_THROTTLER = 'api-key';

/** Exempts a controller or route from every limit (health probes, metrics scrapes). */
export const NoRateLimit = (): MethodDecorator & ClassDecorator => SkipThrottle({ [IP_THROTTLER]: true, [API_KEY_THROTTLER]: true });

/** The throttler hands requests over untyped: only their headers are read. */
type UntypedRequest = Record<string, unknown>;

function presentedKey(request: UntypedRequest): string | null {
  const value = (request.headers as IncomingHttpHeaders | undefined)?.['x-api-key'];
  return (Array.isArray(value) ? value[0] : value)?.trim() || null;
}

/** Only requests that carry X-API-Key count against a key's limit (valid or not: guessing costs too). */
export function withoutApiKey(context: ExecutionContext): boolean {
  return presentedKey(context.switchToHttp().getRequest<UntypedRequest>()) === null;
}

/** A key is counted under a SHA-256 prefix: the key itself never reaches the store (Redis) or a log. */
export function apiKeyTracker(request: UntypedRequest): string {
  return `key-${createHash('sha256')
    .update(presentedKey(request) ?? '')
    .digest('hex')
    .slice(0, 16)}`;
}
