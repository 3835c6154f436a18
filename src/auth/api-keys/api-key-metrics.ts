import { API_KEY_STATUSES, type ApiKeyStatus } from './api-key-status';
import type { ApiKeyView } from './api-key-view';

export interface ApiKeyCounts {
  readonly byStatus: Readonly<Record<ApiKeyStatus, number>>;
  /** Usable keys older than API_KEY_STALE_DAYS: due for rotation. */
  readonly stale: number;
}

/** Keys by status, and the stale ones, so an alert can say a key is due for rotation (docs/requirements.md R-AUTH-6). */
export function apiKeyCounts(keys: readonly ApiKeyView[]): ApiKeyCounts {
  const byStatus = Object.fromEntries(API_KEY_STATUSES.map((status) => [status, keys.filter((key) => key.status === status).length]));
  return { byStatus: { ...EMPTY, ...byStatus }, stale: keys.filter((key) => key.stale).length };
}

const EMPTY: Readonly<Record<ApiKeyStatus, number>> = { active: 0, in_grace: 0, rotated: 0, expired: 0, revoked: 0 };
