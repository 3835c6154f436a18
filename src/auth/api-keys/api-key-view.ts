import { ageDays, apiKeyStatus, isUsable, type ApiKeyStatus } from './api-key-status';
import type { ApiKeyRecord } from './api-keys.repository';

/** A key as admins see it: everything but the key, which exists only in the answer that issued it. */
export interface ApiKeyView extends Pick<
  ApiKeyRecord,
  'id' | 'name' | 'scopes' | 'prefix' | 'version' | 'rotatedFrom' | 'createdBy' | 'revokedBy'
> {
  readonly status: ApiKeyStatus;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly rotatedAt: string | null;
  readonly graceEndsAt: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly ageDays: number;
  /** Usable and older than the stale age (default 90 days): due for rotation. */
  readonly stale: boolean;
}

/** The one answer that holds the key itself. */
export interface IssuedApiKey {
  readonly key: string;
  readonly apiKey: ApiKeyView;
}

export function toApiKeyView(record: ApiKeyRecord, now: Date, staleAfterDays: number): ApiKeyView {
  const status = apiKeyStatus(record, now);
  const age = ageDays(record, now);
  return {
    id: record.id,
    name: record.name,
    scopes: record.scopes,
    prefix: record.prefix,
    version: record.version,
    rotatedFrom: record.rotatedFrom,
    status,
    createdAt: record.createdAt.toISOString(),
    createdBy: record.createdBy,
    expiresAt: iso(record.expiresAt),
    rotatedAt: iso(record.rotatedAt),
    graceEndsAt: iso(record.graceEndsAt),
    revokedAt: iso(record.revokedAt),
    revokedBy: record.revokedBy,
    lastUsedAt: iso(record.lastUsedAt),
    ageDays: age,
    stale: isUsable(status) && age > staleAfterDays,
  };
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
