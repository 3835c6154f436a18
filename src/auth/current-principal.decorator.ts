import { createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { ApiRequest } from '../http/api-request';
import type { Principal } from './principal';

/** The signed-in principal a session guard set on this request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<ApiRequest>().principal;
  if (!principal) throw new UnauthorizedException({ error: 'unauthorized', message: 'No session on this request' });
  return principal;
});

/**
 * The customer a request may see: a customer session sees only its own customer; staff (and
 * API keys, which carry no principal) see any. Used to answer 404 for another customer's ids.
 */
export function visibleTo(principal: Principal | undefined, customerId: string): boolean {
  return principal?.kind !== 'customer' || principal.customerId === customerId;
}
