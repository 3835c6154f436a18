const DAY_MS = 24 * 60 * 60 * 1000;

/** The times that decide whether a key opens the door. */
export interface ApiKeyLifecycle {
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly rotatedAt: Date | null;
  readonly graceEndsAt: Date | null;
  readonly revokedAt: Date | null;
}

/** `in_grace`: rotated, still working beside its successor; `rotated`: rotated and past its grace. */
export const API_KEY_STATUSES = ['active', 'in_grace', 'rotated', 'expired', 'revoked'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/** What a key is at `now`. Revocation counts at once, whatever the clock says. */
export function apiKeyStatus(key: ApiKeyLifecycle, now: Date): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt !== null && now.getTime() >= key.expiresAt.getTime()) return 'expired';
  if (key.rotatedAt === null) return 'active';
  return key.graceEndsAt !== null && now.getTime() < key.graceEndsAt.getTime() ? 'in_grace' : 'rotated';
}

export function isUsable(status: ApiKeyStatus): boolean {
  return status === 'active' || status === 'in_grace';
}

/** Whole days since creation (0 on the first day, never negative). */
export function ageDays(key: Pick<ApiKeyLifecycle, 'createdAt'>, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - key.createdAt.getTime()) / DAY_MS));
}

/** Why this key cannot be rotated, or null: only the current key of a name rotates. */
export function rotationRefusal(key: ApiKeyLifecycle): 'revoked' | 'rotated' | null {
  if (key.revokedAt !== null) return 'revoked';
  return key.rotatedAt !== null ? 'rotated' : null;
}

/** A successor lives as long as its predecessor was given to (from `now`); a key without expiry begets one without. */
export function successorExpiry(key: ApiKeyLifecycle, now: Date): Date | null {
  if (key.expiresAt === null) return null;
  return new Date(now.getTime() + (key.expiresAt.getTime() - key.createdAt.getTime()));
}

export function graceEnd(now: Date, graceHours: number): Date {
  return new Date(now.getTime() + graceHours * 60 * 60 * 1000);
}
