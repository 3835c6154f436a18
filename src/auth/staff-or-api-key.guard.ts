import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Actor } from '../event-store/event-store.port';
import { headerValue, type ApiRequest } from '../http/api-request';
import { REQUIRED_SCOPE, type ApiKeyScope } from './api-keys/api-key-scopes';
import { ApiKeyVerifier } from './api-keys/api-key-verifier.service';
import { staffCredentials } from './staff-credentials';

/**
 * The staff bearer token or `X-API-Key: <key>` (a key from the api_keys table with the route's
 * `@RequiresScope`). A presented credential must be valid: a wrong bearer token is refused even
 * when a good key is sent too, so a mistake never hides.
 */
@Injectable()
export class StaffOrApiKeyGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyVerifier) private readonly apiKeys: Pick<ApiKeyVerifier, 'verify'>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const actor = await this.authenticate(request, context);
    if (typeof actor === 'string') {
      context.switchToHttp().getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException({ error: 'unauthorized', message: actor });
    }
    request.actor = actor;
    return true;
  }

  /** The actor, or why not. */
  private async authenticate(request: ApiRequest, context: ExecutionContext): Promise<Actor | string> {
    const staff = staffCredentials(request, this.config.staffApiToken);
    if (staff.kind === 'staff') return staff.actor;
    if (staff.kind === 'invalid') return 'Invalid staff token';
    const key = headerValue(request, 'x-api-key')?.trim();
    if (!key) return 'Missing credentials: send X-API-Key: <key> or Authorization: Bearer <staff token>';
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    const verdict = await this.apiKeys.verify(key, scope ?? null);
    if (verdict.kind === 'forbidden') throw new ForbiddenException({ error: verdict.error, message: verdict.message });
    return verdict.kind === 'ok' ? verdict.actor : verdict.message;
  }
}
