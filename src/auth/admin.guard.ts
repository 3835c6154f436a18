import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { hasRole } from './principal';
import { forbidden, SessionAuthenticator, STAFF_ONLY } from './session-authenticator';

/** A staff session with the admin role. Works alone or after StaffAuthGuard (the session is checked once). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(SessionAuthenticator) private readonly sessions: SessionAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await this.sessions.require(context);
    if (principal.kind !== 'staff') forbidden(STAFF_ONLY);
    if (!hasRole(principal, 'admin')) forbidden('This route needs the admin role; your staff account has the staff role');
    return true;
  }
}
