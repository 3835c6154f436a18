import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../event-store/event-store.port';
import { headerValue, type ApiRequest } from '../http/api-request';
import { apiKeyActor, matchApiKey } from './api-keys';
import { staffCredentials } from './staff-credentials';

/**
 * The staff bearer token or `X-API-Key: <key>` (AUTOBOLT_API_KEYS). A presented credential must be
 * valid: a wrong bearer token is refused even when a good key is sent too, so a mistake never hides.
 */
@Injectable()
export class StaffOrApiKeyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const actor = this.authenticate(request);
    if (typeof actor === 'string') {
      context.switchToHttp().getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({ error: 'unauthorized', message: actor });
    }
    request.actor = actor;
    return true;
  }

  /** The actor, or why not. */
  private authenticate(request: ApiRequest): Actor | string {
    const staff = staffCredentials(request, this.config.staffApiToken);
    if (staff.kind === 'staff') return staff.actor;
    if (staff.kind === 'invalid') return 'Invalid staff token';
    const key = headerValue(request, 'x-api-key')?.trim();
    if (!key) return 'Missing credentials: send X-API-Key: <key> or Authorization: Bearer <staff token>';
    const matched = matchApiKey(key, this.config.autoboltApiKeys);
    return matched === null ? 'Invalid API key' : apiKeyActor(matched);
  }
}
