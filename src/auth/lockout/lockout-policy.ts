/** docs/requirements.md R-AUTH-4: 5 failed sign-ins within 15 minutes lock for 15 minutes. Fixed numbers. */
export const LOCKOUT_POLICY = { maxFailures: 5, windowMs: 15 * 60_000, lockoutMs: 15 * 60_000 } as const;

export type LockoutPolicy = typeof LOCKOUT_POLICY;

/** What is counted: one account (per sign-in kind) and one client address. */
export function signInSubjects(kind: 'staff' | 'customer', email: string, ip: string): readonly string[] {
  return [`${kind}:${email}`, `ip:${ip}`];
}

/**
 * Given one subject's counted attempts (failures, and attempts still being checked), when its
 * lockout ends, or null when it is not locked now. A lockout starts at an attempt that is the
 * 5th within 15 minutes and lasts 15 minutes; attempts refused while locked are not recorded,
 * so they never extend it.
 */
export function lockedUntil(attempts: readonly Date[], now: Date, policy: LockoutPolicy = LOCKOUT_POLICY): Date | null {
  const times = attempts
    .map((a) => a.getTime())
    .filter((t) => t <= now.getTime())
    .sort((a, b) => a - b);
  for (let i = policy.maxFailures - 1; i < times.length; i += 1) {
    const reachedLimit = times[i] - times[i - policy.maxFailures + 1] < policy.windowMs;
    if (reachedLimit && times[i] + policy.lockoutMs > now.getTime()) return new Date(times[i] + policy.lockoutMs);
  }
  return null;
}

/** Whole seconds until `until`, at least 1: what Retry-After says. */
export function retryAfterSeconds(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
