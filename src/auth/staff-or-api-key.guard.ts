import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../event-store/event-store.port';
import { headerValue, type ApiRequest } from '../http/api-request';
import { apiKeyActorFor } from './api-keys';
import { forbidden, SessionAuthenticator, STAFF_ONLY, unauthorized } from './session-authenticator';

/**
 * A staff session (`Authorization: Bearer`) or `X-API-Key: <key>`. A presented session must be
 * valid: a wrong bearer token is refused even when a good key is sent too, so a mistake never hides.
 */
@Injectable()
export class StaffOrApiKeyGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SessionAuthenticator) private readonly sessions: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    if (headerValue(request, 'authorization') !== undefined) {
      const principal = await this.sessions.require(context);
      if (principal.kind !== 'staff') forbidden(STAFF_ONLY);
      return true;
    }
    const key = headerValue(request, 'x-api-key')?.trim();
    if (!key) unauthorized(context, 'Missing credentials: send X-API-Key: <key> or Authorization: Bearer <session token>');
    const actor = await this.keyActor(key);
    if (!actor) unauthorized(context, 'Invalid API key');
    request.actor = actor;
    return true;
  }

  /** The key path, kept apart so key storage can change without touching the session path. */
  private keyActor(key: string): Promise<Actor | null> {
    return apiKeyActorFor(key, this.config.autoboltApiKeys);
  }
}
