import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ApiRequest } from '../http/api-request';
import { staffCredentials } from './staff-credentials';

/** `Authorization: Bearer <staffApiToken>`; `X-Staff-Id` names who is acting (for the audit trail). */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const credentials = staffCredentials(request, this.config.staffApiToken);
    if (credentials.kind !== 'staff') {
      context.switchToHttp().getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
      const message = credentials.kind === 'missing' ? 'Missing Authorization: Bearer <staff token> header' : 'Invalid staff token';
      throw new UnauthorizedException({ error: 'unauthorized', message });
    }
    request.actor = credentials.actor;
    return true;
  }
}
