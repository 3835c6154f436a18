import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor } from '../../event-store/event-store.port';
import { CLOCK, type Clock } from '../../shared/clock';
import type { ApiKeyImportReport } from './api-key-import';
import { API_KEY_SCOPES, isApiKeyScope } from './api-key-scopes';
import { displayPrefix, hashApiKey, newApiKey } from './api-key-secret';
import { graceEnd, rotationRefusal, successorExpiry } from './api-key-status';
import { toApiKeyView, type ApiKeyView, type IssuedApiKey } from './api-key-view';
import { ApiKeyNameTakenError, ApiKeysRepository, type ApiKeyRecord, type NewApiKey, type RotationPlan } from './api-keys.repository';
import type { SqlReader } from '../../database/read-batch';

export interface ApiKeyRequest {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresAt: Date | null;
}

export interface RotatedApiKey extends IssuedApiKey {
  /** The key it replaces, working until its graceEndsAt. */
  readonly previous: ApiKeyView;
}

/** Admin operations on API keys (docs/requirements.md R-AUTH-5, R-AUTH-6); keys are shown once, stored as hashes. */
@Injectable()
export class ApiKeys {
  constructor(
    @Inject(ApiKeysRepository) private readonly repository: ApiKeysRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(request: ApiKeyRequest, actor: Actor): Promise<IssuedApiKey> {
    const now = this.clock.now();
    const key = newApiKey();
    const record = await nameChecked(() =>
      this.repository.insert(newRecord(key, request, checkedExpiry(request.expiresAt, now), now, actor)),
    );
    return { key, apiKey: this.view(record, now) };
  }

  /** `reader`: a batch the caller reads other things through too (a metrics scrape). */
  async list(reader?: SqlReader): Promise<ApiKeyView[]> {
    const now = this.clock.now();
    return (await this.repository.list(reader)).map((record) => this.view(record, now));
  }

  /** A new key under the same name and scopes; the old one works until now + the rotation grace. */
  async rotate(id: string, actor: Actor, expiresAt: Date | null = null): Promise<RotatedApiKey> {
    const now = this.clock.now();
    const key = newApiKey();
    const explicitExpiry = checkedExpiry(expiresAt, now);
    const plan = (current: ApiKeyRecord): RotationPlan => {
      if (rotationRefusal(current) !== null) return { kind: 'refused', current };
      const expiry = explicitExpiry ?? successorExpiry(current, now);
      const successor = { ...newRecord(key, current, expiry, now, actor), version: current.version + 1, rotatedFrom: current.id };
      return { kind: 'rotate', successor, rotatedAt: now, graceEndsAt: graceEnd(now, this.config.apiKeys.rotationGraceHours) };
    };
    const result = await nameChecked(() => this.repository.rotate(id, plan));
    if (result === null) throw apiKeyNotFound(id);
    if (result.kind === 'refused') throw cannotRotate(result.current);
    return { key, apiKey: this.view(result.current, now), previous: this.view(result.previous, now) };
  }

  /** Works at once: the next request with this key is refused. */
  async revoke(id: string, actor: Actor): Promise<ApiKeyView> {
    const now = this.clock.now();
    const revoked = await this.repository.revoke(id, now, actor);
    if (revoked) return this.view(revoked, now);
    const existing = await this.repository.get(id);
    if (!existing) throw apiKeyNotFound(id);
    throw new ConflictException({
      error: 'api_key_revoked',
      message: `API key ${id} was already revoked at ${existing.revokedAt?.toISOString()}`,
    });
  }

  /** Keys from before (see parseImportedKeys): one keeps the name; several are `<name>-1`, `<name>-2`… in input order. All or none. */
  async import(name: string, scopes: readonly string[], keys: readonly string[], actor: Actor): Promise<ApiKeyImportReport> {
    const now = this.clock.now();
    const rows = keys.map((key, index) =>
      newRecord(key, { name: keys.length === 1 ? name : `${name}-${index + 1}`, scopes }, null, now, actor),
    );
    const stored = await nameChecked(() => this.repository.importKeys(rows));
    return { imported: stored.map((record) => this.view(record, now)), alreadyPresent: keys.length - stored.length };
  }

  private view(record: ApiKeyRecord, now: Date): ApiKeyView {
    return toApiKeyView(record, now, this.config.apiKeys.staleAfterDays);
  }
}

/** A new row for `key` (version 1, no predecessor); the key itself is not in it, only its hash. */
function newRecord(
  key: string,
  request: Pick<ApiKeyRequest, 'name' | 'scopes'>,
  expiresAt: Date | null,
  now: Date,
  actor: Actor,
): NewApiKey {
  return {
    id: randomUUID(),
    name: request.name,
    scopes: checkedScopes(request.scopes),
    keyHash: hashApiKey(key),
    prefix: displayPrefix(key),
    version: 1,
    rotatedFrom: null,
    createdAt: now,
    createdBy: actor,
    expiresAt,
  };
}

/** Known scopes, each once; 400 naming any unknown one. */
function checkedScopes(scopes: readonly string[]): string[] {
  const unknown = scopes.filter((scope) => !isApiKeyScope(scope));
  if (unknown.length > 0) {
    const names = unknown.map((scope) => JSON.stringify(scope)).join(', ');
    throw new BadRequestException({
      error: 'unknown_scope',
      message: `Unknown scope ${names}; known scopes: ${API_KEY_SCOPES.join(', ')}`,
    });
  }
  return [...new Set(scopes)];
}

function checkedExpiry(expiresAt: Date | null, now: Date): Date | null {
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
    throw new BadRequestException({ error: 'invalid_expiry', message: `expiresAt must be in the future (now is ${now.toISOString()})` });
  }
  return expiresAt;
}

async function nameChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiKeyNameTakenError) throw new ConflictException({ error: 'api_key_name_taken', message: error.message });
    throw error;
  }
}

function apiKeyNotFound(id: string): NotFoundException {
  return new NotFoundException({ error: 'api_key_not_found', message: `No API key ${id}` });
}

function cannotRotate(key: ApiKeyRecord): ConflictException {
  if (rotationRefusal(key) === 'revoked') {
    return new ConflictException({ error: 'api_key_revoked', message: `API key ${key.id} is revoked; create a new key instead` });
  }
  return new ConflictException({
    error: 'api_key_rotated',
    message: `API key ${key.id} was already rotated; rotate its newest version instead`,
  });
}
