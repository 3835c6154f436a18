import type { Principal } from '../principal';
import { SessionCache } from './session-cache';

const staff: Principal = { kind: 'staff', accountId: 'a-1', email: 'a@ops.test', role: 'staff', tokenHash: 'h-1' };
const customer: Principal = { kind: 'customer', loginId: 'l-1', email: 'c@acme.test', customerId: 'c-1', tokenHash: 'h-2' };
const at = (ms: number): Date => new Date(Date.UTC(2026, 0, 1) + ms);

describe('SessionCache', () => {
  it('answers from memory until its horizon, then forgets', () => {
    const cache = new SessionCache(2_000);
    cache.put('h-1', staff, at(3_600_000), at(0));
    expect(cache.get('h-1', at(1_999))).toBe(staff);
    expect(cache.get('h-1', at(2_000))).toBeNull();
  });

  it('never outlives the session it caches', () => {
    const cache = new SessionCache(60_000);
    cache.put('h-1', staff, at(500), at(0));
    expect(cache.get('h-1', at(499))).toBe(staff);
    expect(cache.get('h-1', at(500))).toBeNull();
  });

  it('drops one session on sign-out and every session of an account on disabling', () => {
    const cache = new SessionCache(2_000);
    cache.put('h-1', staff, at(60_000), at(0));
    cache.put('h-3', { ...staff, tokenHash: 'h-3' }, at(60_000), at(0));
    cache.put('h-2', customer, at(60_000), at(0));
    cache.forget('h-1');
    expect(cache.get('h-1', at(1))).toBeNull();
    cache.forgetAccount('staff', 'a-1');
    expect(cache.get('h-3', at(1))).toBeNull();
    expect(cache.get('h-2', at(1))).toBe(customer);
  });

  it('keeps nothing when turned off', () => {
    const cache = new SessionCache(0);
    cache.put('h-1', staff, at(60_000), at(0));
    expect(cache.get('h-1', at(0))).toBeNull();
  });
});
