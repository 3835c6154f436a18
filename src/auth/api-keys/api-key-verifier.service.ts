import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../event-store/event-store.port';
import { CLOCK, type Clock } from '../../shared/clock';
import type { ApiKeyScope } from './api-key-scopes';
import { hashApiKey } from './api-key-secret';
import { apiKeyStatus, type ApiKeyStatus } from './api-key-status';
import { ApiKeysRepository } from './api-keys.repository';

export type ApiKeyVerdict =
  | { readonly kind: 'ok'; readonly actor: Actor }
  /** → 401 */
  | { readonly kind: 'unauthorized'; readonly message: string }
  /** → 403: a good key without the route's scope (or a route that takes no key). */
  | { readonly kind: 'forbidden'; readonly error: 'missing_scope' | 'api_key_not_accepted'; readonly message: string };

/** last_used_at is written at most once a minute per key: a write on every request would cost more than it tells. */
const TOUCH_EVERY_MS = 60_000;

const REFUSED: Readonly<Record<Exclude<ApiKeyStatus, 'active' | 'in_grace'>, string>> = {
  revoked: 'API key revoked',
  expired: 'API key expired',
  rotated: 'API key rotated and its grace period is over; use its successor',
};

/**
 * The X-API-Key check, for any guard that accepts keys. Nothing is cached, so a revocation
 * counts from the next request. The lookup is by hash: the database compares hashes, never keys,
 * so its timing tells nothing about any key (docs/requirements.md R-AUTH-5).
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    @Inject(ApiKeysRepository) private readonly repository: ApiKeysRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `requiredScope` null: the route declares none, so no key may call it. */
  async verify(key: string, requiredScope: ApiKeyScope | null): Promise<ApiKeyVerdict> {
    const record = await this.repository.findByHash(hashApiKey(key));
    if (!record) return { kind: 'unauthorized', message: 'Invalid API key' };
    const now = this.clock.now();
    const status = apiKeyStatus(record, now);
    if (status !== 'active' && status !== 'in_grace') return { kind: 'unauthorized', message: REFUSED[status] };
    if (requiredScope === null) return { kind: 'forbidden', error: 'api_key_not_accepted', message: 'This route does not accept API keys' };
    if (!record.scopes.includes(requiredScope)) {
      return { kind: 'forbidden', error: 'missing_scope', message: `This API key lacks the scope "${requiredScope}" this route requires` };
    }
    if (record.lastUsedAt === null || now.getTime() - record.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
      await this.repository.touch(record.id, now);
    return { kind: 'ok', actor: { kind: 'api_key', id: record.id } };
  }
}
