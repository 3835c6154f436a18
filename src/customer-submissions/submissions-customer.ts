import { BadRequestException } from '@nestjs/common';
import type { ApiRequest } from '../http/api-request';
import { DomainError } from '../shared/decider';

/** Whose submissions a request reads, and whether it reads in that customer's database scope (row security). */
export interface RequestedCustomer {
  readonly customerId: string;
  readonly scoped: boolean;
}

/**
 * A customer session reads its own customer (naming another reads as an unknown customer, so
 * nothing says it exists); staff name the customer with `?customerId=`.
 */
export function requestedCustomer(request: ApiRequest, given: string | undefined): RequestedCustomer {
  const principal = request.principal;
  if (principal?.kind === 'customer') {
    if (given !== undefined && given !== principal.customerId) throw new DomainError('NOT_FOUND', `Customer ${given} does not exist`);
    return { customerId: principal.customerId, scoped: true };
  }
  if (given === undefined) {
    throw new BadRequestException({ error: 'customer_id_required', message: 'Staff name the customer: ?customerId=<id>' });
  }
  return { customerId: given, scoped: false };
}

/** The customer whose scope a read of one item runs in: a customer session's own, none for staff. */
export function scopeOf(request: ApiRequest): string | null {
  return request.principal?.kind === 'customer' ? request.principal.customerId : null;
}
