import { BadRequestException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { headerValue, type ApiRequest } from '../http/api-request';
import { constantTimeEquals } from './constant-time';

const STAFF_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const DEFAULT_STAFF_ID = 'staff';

/** `Authorization: Bearer <staffApiToken>`; `X-Staff-Id` names who is acting (for the audit trail). */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const token = bearerToken(headerValue(request, 'authorization'));
    if (token === null || !constantTimeEquals(token, this.config.staffApiToken)) {
      context.switchToHttp().getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
      const message = token === null ? 'Missing Authorization: Bearer <staff token> header' : 'Invalid staff token';
      throw new UnauthorizedException({ error: 'unauthorized', message });
    }
    request.actor = { kind: 'staff', id: staffId(headerValue(request, 'x-staff-id')) };
    return true;
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function staffId(header: string | undefined): string {
  const value = header?.trim();
  if (!value) return DEFAULT_STAFF_ID;
  if (!STAFF_ID.test(value)) {
    throw new BadRequestException({ error: 'invalid_staff_id', message: 'X-Staff-Id must be 1 to 64 letters, digits or . _ @ -' });
  }
  return value;
}
