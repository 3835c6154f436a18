import { ForbiddenException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { headerValue, type ApiRequest } from '../http/api-request';
import { REQUIRED_SCOPE, type ApiKeyScope } from './api-keys/api-key-scopes';
import { ApiKeyVerifier } from './api-keys/api-key-verifier.service';
import { forbidden, SessionAuthenticator, STAFF_ONLY, unauthorized } from './session-authenticator';

/**
 * A staff session (`Authorization: Bearer`) or `X-API-Key: <key>` (a key from the api_keys table
 * with the route's `@RequiresScope`). A presented session must be valid: a wrong bearer token is
 * refused even when a good key is sent too, so a mistake never hides.
 */
@Injectable()
export class StaffOrApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyVerifier) private readonly apiKeys: Pick<ApiKeyVerifier, 'verify'>,
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
    const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    const verdict = await this.apiKeys.verify(key, scope ?? null);
    if (verdict.kind === 'forbidden') throw new ForbiddenException({ error: verdict.error, message: verdict.message });
    if (verdict.kind !== 'ok') unauthorized(context, verdict.message);
    request.actor = verdict.actor;
    return true;
  }
}
