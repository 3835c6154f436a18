import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { Database } from '../../database/database';
import { withTransaction } from '../../database/transaction';
import { LOCKOUT_POLICY, lockedUntil } from './lockout-policy';

export type AttemptStart =
  { readonly kind: 'allowed'; readonly attemptIds: readonly string[] } | { readonly kind: 'locked'; readonly until: Date };

export interface Lockout {
  readonly subject: string;
  readonly lockedAt: string;
  readonly lockedUntil: string;
  readonly failures: number;
}

/** Attempts older than this cannot start or extend a lockout that is still running. */
const RELEVANT_MS = LOCKOUT_POLICY.windowMs + LOCKOUT_POLICY.lockoutMs;

/**
 * Sign-in attempts and lockouts in PostgreSQL, so every API process sees the same counts. Each
 * subject is serialised by a transaction-scoped advisory lock while it is checked and counted.
 */
@Injectable()
export class SignInLockouts {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** Reserves an attempt per subject, unless one of them is locked. */
  async begin(subjects: readonly string[], now: Date): Promise<AttemptStart> {
    await this.prune(now);
    return withTransaction(this.database.pool, async (client) => {
      await lockSubjects(client, subjects);
      const until = await lockIfReached(client, subjects, now);
      if (until) return { kind: 'locked', until };
      const { rows } = await client.query<{ id: string }>(
        'INSERT INTO sign_in_attempts (subject, attempted_at) SELECT unnest($1::text[]), $2 RETURNING id',
        [subjects, now],
      );
      return { kind: 'allowed', attemptIds: rows.map((row) => row.id) };
    });
  }

  /** A success is forgotten; a failure stays counted and may start a lockout. */
  async finish(subjects: readonly string[], attemptIds: readonly string[], failed: boolean, now: Date): Promise<void> {
    if (!failed) {
      await this.database.pool.query('DELETE FROM sign_in_attempts WHERE id = ANY($1::bigint[])', [attemptIds]);
      return;
    }
    await withTransaction(this.database.pool, async (client) => {
      await lockSubjects(client, subjects);
      await client.query('UPDATE sign_in_attempts SET failed = true WHERE id = ANY($1::bigint[])', [attemptIds]);
      await lockIfReached(client, subjects, now);
    });
  }

  async active(now: Date): Promise<Lockout[]> {
    const { rows } = await this.database.pool.query<Lockout & { lockedAt: Date; lockedUntil: Date }>(
      `SELECT subject, locked_at AS "lockedAt", locked_until AS "lockedUntil", failures FROM sign_in_lockouts
       WHERE locked_until > $1 ORDER BY locked_until DESC, subject`,
      [now],
    );
    return rows.map((row) => ({ ...row, lockedAt: row.lockedAt.toISOString(), lockedUntil: row.lockedUntil.toISOString() }));
  }

  /** Ends a lockout and forgets the subject's failures (or it would lock again at the next one). True when there was one. */
  async clear(subject: string, now: Date): Promise<boolean> {
    return withTransaction(this.database.pool, async (client) => {
      await lockSubjects(client, [subject]);
      const { rows } = await client.query<{ until: Date }>(
        'DELETE FROM sign_in_lockouts WHERE subject = $1 RETURNING locked_until AS until',
        [subject],
      );
      await client.query('DELETE FROM sign_in_attempts WHERE subject = $1', [subject]);
      return rows.some((row) => row.until > now);
    });
  }

  /**
   * Forgets attempts too old to matter and lockouts long over, so both tables hold only the last
   * half hour or so (which keeps this unindexed delete cheap).
   */
  private async prune(now: Date): Promise<void> {
    const before = new Date(now.getTime() - RELEVANT_MS);
    await this.database.pool.query('DELETE FROM sign_in_attempts WHERE attempted_at < $1', [before]);
    await this.database.pool.query('DELETE FROM sign_in_lockouts WHERE locked_until < $1', [before]);
  }
}

async function lockSubjects(client: PoolClient, subjects: readonly string[]): Promise<void> {
  // Sorted, so two sign-ins locking the same subjects never wait on each other in a circle.
  for (const subject of [...subjects].sort()) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [subject]);
}

/** The latest end of any running lockout of these subjects, recording those the counted attempts start. */
async function lockIfReached(client: PoolClient, subjects: readonly string[], now: Date): Promise<Date | null> {
  const { rows } = await client.query<{ subject: string; times: Date[] }>(
    `SELECT subject, array_agg(attempted_at) AS times FROM sign_in_attempts
     WHERE subject = ANY($1) AND attempted_at > $2 AND failed IS NOT false GROUP BY subject`,
    [subjects, new Date(now.getTime() - RELEVANT_MS)],
  );
  for (const { subject, times } of rows) {
    const until = lockedUntil(times, now);
    if (!until) continue;
    await client.query(
      `INSERT INTO sign_in_lockouts (subject, locked_at, locked_until, failures) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subject) DO UPDATE SET locked_at = EXCLUDED.locked_at, locked_until = EXCLUDED.locked_until, failures = EXCLUDED.failures
       WHERE sign_in_lockouts.locked_until <> EXCLUDED.locked_until`,
      [subject, new Date(until.getTime() - LOCKOUT_POLICY.lockoutMs), until, times.length],
    );
  }
  const { rows: locked } = await client.query<{ until: Date | null }>(
    'SELECT max(locked_until) AS until FROM sign_in_lockouts WHERE subject = ANY($1) AND locked_until > $2',
    [subjects, now],
  );
  return locked[0]?.until ?? null;
}
