import { LOCKOUT_POLICY, lockedUntil, retryAfterSeconds, signInSubjects } from './lockout-policy';

const T0 = Date.parse('2026-12-04T10:00:00Z');
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

describe('lockout window decision', () => {
  it('is the audit numbers: 5 failures in 15 minutes lock for 15 minutes', () => {
    expect(LOCKOUT_POLICY).toEqual({ maxFailures: 5, windowMs: 900_000, lockoutMs: 900_000 });
  });

  it('does not lock after 4 failures', () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)], at(4))).toBeNull();
  });

  it('locks for 15 minutes from the 5th failure', () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(4)], at(4))).toEqual(at(19));
    expect(lockedUntil([at(4), at(0), at(3), at(1), at(2)], at(18.9))).toEqual(at(19));
  });

  it('counts only failures inside the last 15 minutes', () => {
    // The first failure left the window before the fifth came: 4 in the window, no lockout.
    expect(lockedUntil([at(0), at(10), at(11), at(12), at(15)], at(15))).toBeNull();
    expect(lockedUntil([at(0), at(10), at(11), at(12), at(14.5)], at(14.5))).toEqual(at(29.5));
  });

  it('locks again after a lockout has ended and 5 more failures come', () => {
    const failures = [at(0), at(1), at(2), at(3), at(4), at(20), at(21), at(22), at(23)];
    expect(lockedUntil(failures, at(23))).toBeNull();
    expect(lockedUntil([...failures, at(24)], at(24))).toEqual(at(39));
  });

  it('ends the lockout 15 minutes after the 5th failure', () => {
    const failures = [at(0), at(1), at(2), at(3), at(4)];
    expect(lockedUntil(failures, at(18.99))).toEqual(at(19));
    expect(lockedUntil(failures, at(19))).toBeNull();
  });

  it("ignores attempts dated after now (another process's clock ahead)", () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(30)], at(4))).toBeNull();
  });

  it('says Retry-After in whole seconds, rounded up, never 0', () => {
    expect(retryAfterSeconds(at(19), at(4))).toBe(900);
    expect(retryAfterSeconds(new Date(T0 + 1500), new Date(T0))).toBe(2);
    expect(retryAfterSeconds(new Date(T0), new Date(T0))).toBe(1);
  });

  it('counts an account per sign-in kind and the client address', () => {
    expect(signInSubjects('staff', 'ana@ops.test', '10.0.0.7')).toEqual(['staff:ana@ops.test', 'ip:10.0.0.7']);
  });
});
