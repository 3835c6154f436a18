import type { Principal } from '../principal';

interface Entry {
  readonly principal: Principal;
  readonly kind: string;
  readonly accountId: string;
  /** Epoch ms: the earlier of the session's own expiry and the cache's horizon. */
  readonly until: number;
}

const MAX_ENTRIES = 10_000;

/**
 * Live sessions this process has just looked up, so a burst of requests on one token costs one
 * query. An entry never outlives its session; sign-out and account disabling in this process
 * drop it at once. Another process's sign-out reaches this one within `ttlMs` at most (the price,
 * documented in the README; 0 turns the cache off).
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly ttlMs: number) {}

  get(tokenHash: string, now: Date): Principal | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    if (now.getTime() < entry.until) return entry.principal;
    this.entries.delete(tokenHash);
    return null;
  }

  put(tokenHash: string, principal: Principal, sessionExpiresAt: Date, now: Date): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const accountId = principal.kind === 'staff' ? principal.accountId : principal.loginId;
    const until = Math.min(now.getTime() + this.ttlMs, sessionExpiresAt.getTime());
    this.entries.set(tokenHash, { principal, kind: principal.kind, accountId, until });
  }

  forget(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  forgetAccount(kind: string, accountId: string): void {
    for (const [hash, entry] of this.entries) if (entry.kind === kind && entry.accountId === accountId) this.entries.delete(hash);
  }
}
