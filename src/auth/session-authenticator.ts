import { ForbiddenException, Inject, Injectable, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { headerValue, type ApiRequest } from '../http/api-request';
import { CLOCK, type Clock } from '../shared/clock';
import { actorOf, type Principal } from './principal';
import { SessionRepository } from './sessions/session.repository';

export type SessionCheck = Principal | 'missing' | 'invalid';

/** `Authorization: Bearer <session token>` → the session's principal; shared by every guard. */
@Injectable()
export class SessionAuthenticator {
  constructor(
    @Inject(SessionRepository) private readonly sessions: Pick<SessionRepository, 'find'>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(request: ApiRequest): Promise<SessionCheck> {
    if (request.principal) return request.principal;
    const header = headerValue(request, 'authorization');
    if (header === undefined || header.trim() === '') return 'missing';
    const token = bearerToken(header);
    const principal = token === null ? null : await this.sessions.find(token, this.clock.now());
    return principal ?? 'invalid';
  }

  /** The principal, set on the request with its actor; 401 without a valid session. */
  async require(context: ExecutionContext): Promise<Principal> {
    const request = context.switchToHttp().getRequest<ApiRequest>();
    const checked = await this.check(request);
    if (checked === 'missing')
      unauthorized(context, 'Missing Authorization: Bearer <session token> header (sign in at POST /api/auth/login)');
    if (checked === 'invalid') unauthorized(context, 'Invalid, expired or revoked session token: sign in again');
    signIn(request, checked);
    return checked;
  }
}

export function signIn(request: ApiRequest, principal: Principal): void {
  request.principal = principal;
  request.actor = actorOf(principal);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

export function unauthorized(context: ExecutionContext, message: string): never {
  context.switchToHttp().getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer');
  throw new UnauthorizedException({ error: 'unauthorized', message });
}

export function forbidden(message: string): never {
  throw new ForbiddenException({ error: 'forbidden', message });
}

export const STAFF_ONLY = 'This route needs a staff session (role staff or admin); a customer session may not call it';
