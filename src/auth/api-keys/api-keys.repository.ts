import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { Database } from '../../database/database';
import type { SqlReader } from '../../database/read-batch';
import { withTransaction } from '../../database/transaction';
import type { Actor } from '../../event-store/event-store.port';
import type { ApiKeyLifecycle } from './api-key-status';

export interface ApiKeyRecord extends ApiKeyLifecycle {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly prefix: string;
  readonly version: number;
  readonly rotatedFrom: string | null;
  readonly createdBy: Actor;
  readonly revokedBy: Actor | null;
  readonly lastUsedAt: Date | null;
}

export interface NewApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly keyHash: Buffer;
  readonly prefix: string;
  readonly version: number;
  readonly rotatedFrom: string | null;
  readonly createdAt: Date;
  readonly createdBy: Actor;
  readonly expiresAt: Date | null;
}

/** A current (not rotated, not revoked) key already has this name. */
export class ApiKeyNameTakenError extends Error {
  constructor(readonly keyName: string) {
    super(`An API key named "${keyName}" already exists; revoke or rotate it, or choose another name`);
    this.name = 'ApiKeyNameTakenError';
  }
}

/** What a rotation does to the current key, decided from it (under its row lock). */
export type RotationPlan =
  | { readonly kind: 'refused'; readonly current: ApiKeyRecord }
  | { readonly kind: 'rotate'; readonly successor: NewApiKey; readonly rotatedAt: Date; readonly graceEndsAt: Date };

export type RotationResult =
  | { readonly kind: 'refused'; readonly current: ApiKeyRecord }
  | { readonly kind: 'rotated'; readonly previous: ApiKeyRecord; readonly current: ApiKeyRecord };

const COLUMNS = `id, name, scopes, prefix, version, rotated_from AS "rotatedFrom", created_at AS "createdAt", created_by AS "createdBy",
  expires_at AS "expiresAt", rotated_at AS "rotatedAt", grace_ends_at AS "graceEndsAt", revoked_at AS "revokedAt",
  revoked_by AS "revokedBy", last_used_at AS "lastUsedAt"`;
const CURRENT_NAME_INDEX = 'api_keys_current_name_idx';

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  insert(key: NewApiKey): Promise<ApiKeyRecord> {
    return insertKey(this.database.pool, key);
  }

  /** The request path: one lookup on the unique index over key_hash. */
  async findByHash(keyHash: Buffer): Promise<ApiKeyRecord | null> {
    const { rows } = await this.database.pool.query<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1`, [keyHash]);
    return rows[0] ?? null;
  }

  async get(id: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.database.pool.query<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Newest first: there are few keys, so no paging. */
  async list(reader: SqlReader = this.database.pool): Promise<ApiKeyRecord[]> {
    const { rows } = await reader.query<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`);
    return rows;
  }

  /** Locks the key, lets `plan` decide, then marks it rotated and stores its successor: both or neither. Null: no such key. */
  rotate(id: string, plan: (current: ApiKeyRecord) => RotationPlan): Promise<RotationResult | null> {
    return withTransaction(this.database.pool, async (client) => {
      const { rows } = await client.query<ApiKeyRecord>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) return null;
      const decided = plan(rows[0]);
      if (decided.kind === 'refused') return decided;
      const previous = await client.query<ApiKeyRecord>(
        `UPDATE api_keys SET rotated_at = $2, grace_ends_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, decided.rotatedAt, decided.graceEndsAt],
      );
      return { kind: 'rotated', previous: previous.rows[0], current: await insertKey(client, decided.successor) };
    });
  }

  /** The revoked key; null when there is no such key or it was already revoked (get() tells which). */
  async revoke(id: string, at: Date, by: Actor): Promise<ApiKeyRecord | null> {
    const { rows } = await this.database.pool.query<ApiKeyRecord>(
      `UPDATE api_keys SET revoked_at = $2, revoked_by = $3::jsonb WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id, at, JSON.stringify(by)],
    );
    return rows[0] ?? null;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.database.pool.query('UPDATE api_keys SET last_used_at = $2 WHERE id = $1', [id, at]);
  }

  /** Stores the keys whose hash is new, in one transaction; returns those stored (a re-run stores none). */
  importKeys(keys: readonly NewApiKey[]): Promise<ApiKeyRecord[]> {
    return withTransaction(this.database.pool, async (client) => {
      const stored: ApiKeyRecord[] = [];
      for (const key of keys) {
        const { rows } = await client.query<{ id: string }>('SELECT id FROM api_keys WHERE key_hash = $1', [key.keyHash]);
        if (rows.length === 0) stored.push(await insertKey(client, key));
      }
      return stored;
    });
  }
}

async function insertKey(db: Pool | PoolClient, key: NewApiKey): Promise<ApiKeyRecord> {
  try {
    const { rows } = await db.query<ApiKeyRecord>(
      `INSERT INTO api_keys (id, name, scopes, key_hash, prefix, version, rotated_from, created_at, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10) RETURNING ${COLUMNS}`,
      [
        key.id,
        key.name,
        key.scopes,
        key.keyHash,
        key.prefix,
        key.version,
        key.rotatedFrom,
        key.createdAt,
        JSON.stringify(key.createdBy),
        key.expiresAt,
      ],
    );
    return rows[0];
  } catch (error) {
    if (error instanceof DatabaseError && error.code === '23505' && error.constraint === CURRENT_NAME_INDEX)
      throw new ApiKeyNameTakenError(key.name);
    throw error;
  }
}
