import { Inject, Injectable, Optional } from '@nestjs/common';
import { Database } from '../../database/database';
import type { SignInKind } from '../accounts/account.repository';
import type { Principal, StaffRole } from '../principal';
import { SessionCache } from './session-cache';
import { newSessionToken, sessionTokenHash } from './session-token';

export interface NewSession {
  readonly token: string;
  readonly expiresAt: Date;
}

interface SessionRow {
  readonly kind: SignInKind;
  readonly account_id: string;
  readonly staff_email: string | null;
  readonly role: StaffRole | null;
  readonly login_email: string | null;
  readonly customer_id: string | null;
  readonly expires_at: Date;
}

/** Sessions by the hash of their token; times come from the caller's clock, not the database's. */
@Injectable()
export class SessionRepository {
  constructor(
    @Inject(Database) private readonly database: Pick<Database, 'pool'>,
    @Optional() @Inject(SessionCache) private readonly cache: SessionCache = new SessionCache(0),
  ) {}

  async create(kind: SignInKind, accountId: string, now: Date, ttlMinutes: number): Promise<NewSession> {
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
    // The account's ended sessions go as it signs in again, so the table holds live ones, roughly.
    await this.database.pool.query(
      'DELETE FROM sessions WHERE kind = $1 AND account_id = $2 AND (expires_at <= $3 OR revoked_at IS NOT NULL)',
      [kind, accountId, now],
    );
    await this.database.pool.query(
      'INSERT INTO sessions (token_hash, kind, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [sessionTokenHash(token), kind, accountId, now, expiresAt],
    );
    return { token, expiresAt };
  }

  /** The principal of a live session whose account may still sign in (a customer login: of an active customer), or null. */
  async find(token: string, now: Date): Promise<Principal | null> {
    const tokenHash = sessionTokenHash(token);
    const cached = this.cache.get(tokenHash, now);
    if (cached) return cached;
    const { rows } = await this.database.pool.query<SessionRow>(
      `SELECT s.kind, s.account_id, s.expires_at, a.email AS staff_email, a.role, l.email AS login_email, l.customer_id
       FROM sessions s
       LEFT JOIN staff_accounts a ON s.kind = 'staff' AND a.id = s.account_id AND NOT a.disabled
       LEFT JOIN customer_logins l ON s.kind = 'customer' AND l.id = s.account_id AND NOT l.disabled
         AND EXISTS (SELECT 1 FROM customers c WHERE c.id = l.customer_id AND c.status = 'active' AND c.erased_at IS NULL)
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [tokenHash, now],
    );
    const principal = rows[0] ? toPrincipal(rows[0], tokenHash) : null;
    if (principal && rows[0]) this.cache.put(tokenHash, principal, rows[0].expires_at, now);
    return principal;
  }

  async revoke(tokenHash: string, now: Date): Promise<void> {
    this.cache.forget(tokenHash);
    await this.database.pool.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, now]);
  }

  async revokeAll(kind: SignInKind, accountId: string, now: Date): Promise<void> {
    this.cache.forgetAccount(kind, accountId);
    await this.database.pool.query('UPDATE sessions SET revoked_at = $3 WHERE kind = $1 AND account_id = $2 AND revoked_at IS NULL', [
      kind,
      accountId,
      now,
    ]);
  }
}

function toPrincipal(row: SessionRow, tokenHash: string): Principal | null {
  if (row.kind === 'staff' && row.staff_email && row.role) {
    return { kind: 'staff', accountId: row.account_id, email: row.staff_email, role: row.role, tokenHash };
  }
  if (row.kind === 'customer' && row.login_email && row.customer_id) {
    return { kind: 'customer', loginId: row.account_id, email: row.login_email, customerId: row.customer_id, tokenHash };
  }
  return null;
}
