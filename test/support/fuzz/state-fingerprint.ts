import type { Pool } from 'pg';

/**
 * Tables that change with time alone (leases renewed, checkpoints and heartbeats written by loops),
 * and the sign-in bookkeeping, whose purpose is to record refused sign-ins (the lockout counts them).
 */
const NOT_COMPARED = new Set([
  'leases',
  'subscription_checkpoints',
  'projection_state',
  'worker_heartbeats',
  'retention_state',
  'schema_migrations',
  'sign_in_attempts',
  'sign_in_lockouts',
]);

/** Bookkeeping a valid credential writes on use (requests carrying one are malformed in other ways). */
const USE_STAMPS: Readonly<Record<string, readonly string[]>> = { api_keys: ['last_used_at'] };

/** One digest per table of the event log, the read models and the stores requests may write. */
export async function stateFingerprint(pool: Pool): Promise<Record<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    if (NOT_COMPARED.has(name)) continue;
    const { rows } = await pool.query<{ count: string; digest: string | null }>(
      `SELECT count(*) AS count, md5(string_agg(r::text, '|' ORDER BY r::text)) AS digest FROM (SELECT to_jsonb(t) - $1::text[] AS r FROM ${name} t) rows`,
      [USE_STAMPS[name] ?? []],
    );
    digests[name] = `${rows[0].count}:${rows[0].digest ?? '-'}`;
  }
  return digests;
}
