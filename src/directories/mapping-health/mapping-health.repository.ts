import type { SqlReader } from '../../database/read-batch';
import type { Pool } from 'pg';
import { clipText } from '../../shared/storable-text';
import type { MappingObservation } from './mapping-observation';

/** A directory's mapping as it fares (GET /api/directories for staff, dbolt_directory_mapping_* metrics). */
export interface MappingHealth {
  readonly succeeded: number;
  readonly failed: number;
  /** succeeded / (succeeded + failed); null before any counted submission. */
  readonly successRate: number | null;
  readonly lastFailure: { readonly at: string; readonly message: string } | null;
  /** Times a learned selector no longer matched and detection found the field elsewhere. */
  readonly redetections: number;
  readonly lastRedetection: { readonly at: string; readonly fields: readonly string[] } | null;
}

export interface MappingHealthRow {
  readonly directory_id: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly last_failure_at: Date | null;
  readonly last_failure: string | null;
  readonly redetections: number;
  readonly last_redetected_at: Date | null;
  readonly last_redetected_fields: string[];
}

const MAX_FAILURE_CHARS = 500;

export const NO_HEALTH: MappingHealth = {
  succeeded: 0,
  failed: 0,
  successRate: null,
  lastFailure: null,
  redetections: 0,
  lastRedetection: null,
};

/** One statement, so workers noting the same directory at once add up rather than overwrite. */
export async function recordMappingHealth(pool: Pool, directoryId: string, seen: MappingObservation): Promise<void> {
  const failed = seen.result === 'failed';
  await pool.query(
    `INSERT INTO directory_mapping_health AS h (directory_id, succeeded, failed, last_failure_at, last_failure,
       redetections, last_redetected_at, last_redetected_fields, updated_at)
     VALUES ($1, $2, $3, CASE WHEN $3 > 0 THEN now() END, $4, $5, CASE WHEN $5 > 0 THEN now() END, $6::text[], now())
     ON CONFLICT (directory_id) DO UPDATE SET
       succeeded = h.succeeded + EXCLUDED.succeeded,
       failed = h.failed + EXCLUDED.failed,
       last_failure_at = COALESCE(EXCLUDED.last_failure_at, h.last_failure_at),
       last_failure = CASE WHEN EXCLUDED.failed > 0 THEN EXCLUDED.last_failure ELSE h.last_failure END,
       redetections = h.redetections + EXCLUDED.redetections,
       last_redetected_at = COALESCE(EXCLUDED.last_redetected_at, h.last_redetected_at),
       last_redetected_fields = CASE WHEN EXCLUDED.redetections > 0 THEN EXCLUDED.last_redetected_fields ELSE h.last_redetected_fields END,
       updated_at = now()`,
    [
      directoryId,
      seen.result === 'succeeded' ? 1 : 0,
      failed ? 1 : 0,
      failed ? clipText(seen.failure ?? '', MAX_FAILURE_CHARS) : null,
      seen.redetected.length > 0 ? 1 : 0,
      seen.redetected,
    ],
  );
}

export async function readMappingHealth(pool: SqlReader, ids: readonly string[] | null): Promise<Map<string, MappingHealth>> {
  if (ids !== null && ids.length === 0) return new Map();
  const { rows } = await pool.query<MappingHealthRow>(
    `SELECT directory_id, succeeded, failed, last_failure_at, last_failure, redetections, last_redetected_at, last_redetected_fields
     FROM directory_mapping_health WHERE $1::text[] IS NULL OR directory_id = ANY ($1)`,
    [ids],
  );
  return new Map(rows.map((row) => [row.directory_id, toMappingHealth(row)]));
}

export function toMappingHealth(row: MappingHealthRow): MappingHealth {
  const counted = row.succeeded + row.failed;
  return {
    succeeded: row.succeeded,
    failed: row.failed,
    successRate: counted === 0 ? null : Math.round((row.succeeded / counted) * 10_000) / 10_000,
    lastFailure: row.last_failure_at ? { at: row.last_failure_at.toISOString(), message: row.last_failure ?? '' } : null,
    redetections: row.redetections,
    lastRedetection: row.last_redetected_at ? { at: row.last_redetected_at.toISOString(), fields: row.last_redetected_fields } : null,
  };
}
