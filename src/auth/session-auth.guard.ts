import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { SessionAuthenticator } from './session-authenticator';

/** Any valid session, staff or customer (sign-out, who am I). */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(@Inject(SessionAuthenticator) private readonly sessions: SessionAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    await this.sessions.require(context);
    return true;
  }
}
