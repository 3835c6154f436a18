import { BadRequestException } from '@nestjs/common';
import type { ApiRequest } from '../http/api-request';
import { DomainError } from '../shared/decider';
import { requestedCustomer, scopeOf } from './submissions-customer';

const customer = { principal: { kind: 'customer', loginId: 'l-1', email: 'a@a.test', customerId: 'acme', tokenHash: 'h' } } as ApiRequest;
const staff = { principal: { kind: 'staff', accountId: 's-1', email: 's@s.test', role: 'staff', tokenHash: 'h' } } as ApiRequest;

describe('requestedCustomer', () => {
  it("reads a customer session's own customer, in its scope; naming its own id changes nothing", () => {
    expect(requestedCustomer(customer, undefined)).toEqual({ customerId: 'acme', scoped: true });
    expect(requestedCustomer(customer, 'acme')).toEqual({ customerId: 'acme', scoped: true });
    expect(scopeOf(customer)).toBe('acme');
  });

  it("answers another customer's id as unknown (404), not as forbidden", () => {
    expect(() => requestedCustomer(customer, 'lister')).toThrow(new DomainError('NOT_FOUND', 'Customer lister does not exist'));
  });

  it('makes staff name the customer, read without a customer scope', () => {
    expect(requestedCustomer(staff, 'lister')).toEqual({ customerId: 'lister', scoped: false });
    expect(() => requestedCustomer(staff, undefined)).toThrow(BadRequestException);
    expect(scopeOf(staff)).toBeNull();
  });
});
