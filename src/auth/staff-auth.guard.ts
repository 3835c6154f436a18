import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ALLOW_CUSTOMER } from './allow-customer.decorator';
import { forbidden, SessionAuthenticator, STAFF_ONLY } from './session-authenticator';

/** A staff session of either role; a customer session only where the route says `@AllowCustomer()`. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    @Inject(SessionAuthenticator) private readonly sessions: SessionAuthenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await this.sessions.require(context);
    if (principal.kind === 'staff') return true;
    const allowed = this.reflector.getAllAndOverride<boolean | undefined>(ALLOW_CUSTOMER, [context.getHandler(), context.getClass()]);
    if (!allowed) forbidden(STAFF_ONLY);
    return true;
  }
}
