import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { forbidden, SessionAuthenticator } from '../../auth/session-authenticator';

/**
 * A customer session only. Staff are refused (403): "own data" has no meaning for them, and
 * they have /api/customers/:id for any customer.
 */
@Injectable()
export class CustomerSessionGuard implements CanActivate {
  constructor(@Inject(SessionAuthenticator) private readonly sessions: SessionAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await this.sessions.require(context);
    if (principal.kind !== 'customer') forbidden('This route is for a customer session; staff use /api/customers/:customerId');
    return true;
  }
}
