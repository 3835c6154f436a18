import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { Database } from '../../database/database';
import { DomainError } from '../../shared/decider';
import type { StaffRole } from '../principal';

export interface StaffAccount {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface CustomerLogin {
  readonly id: string;
  readonly email: string;
  readonly customerId: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export type SignInKind = 'staff' | 'customer';

/** What a sign-in needs: the account's id, whether it may sign in, and its stored hash. */
export interface Credentials {
  readonly id: string;
  readonly disabled: boolean;
  readonly passwordHash: string;
}

const STAFF_COLUMNS = `id, email, display_name AS "displayName", role, disabled, created_at AS "createdAt"`;
const LOGIN_COLUMNS = `id, email, customer_id AS "customerId", disabled, created_at AS "createdAt"`;
const TABLE: Readonly<Record<SignInKind, string>> = { staff: 'staff_accounts', customer: 'customer_logins' };

/** Staff accounts and customer logins (reference data, not event-sourced). Emails arrive normalised. */
@Injectable()
export class AccountRepository {
  constructor(@Inject(Database) private readonly database: Pick<Database, 'pool'>) {}

  async insertStaff(account: Omit<StaffAccount, 'disabled'>, passwordHash: string): Promise<StaffAccount> {
    const { id, email, displayName, role, createdAt } = account;
    const { rows } = await this.insert(
      email,
      `INSERT INTO staff_accounts (id, email, display_name, role, password_hash, created_at)
      VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${STAFF_COLUMNS}`,
      [id, email, displayName, role, passwordHash, createdAt],
    );
    return toIso(rows[0] as StaffAccount);
  }

  async insertCustomerLogin(login: Omit<CustomerLogin, 'disabled'>, passwordHash: string): Promise<CustomerLogin> {
    const { id, email, customerId, createdAt } = login;
    const { rows } = await this.insert(
      email,
      `INSERT INTO customer_logins (id, email, customer_id, password_hash, created_at)
      VALUES ($1, $2, $3, $4, $5) RETURNING ${LOGIN_COLUMNS}`,
      [id, email, customerId, passwordHash, createdAt],
    );
    return toIso(rows[0] as CustomerLogin);
  }

  async listStaff(): Promise<StaffAccount[]> {
    const { rows } = await this.database.pool.query<StaffAccount>(`SELECT ${STAFF_COLUMNS} FROM staff_accounts ORDER BY created_at, id`);
    return rows.map(toIso);
  }

  /** True when the account exists (disabling twice is harmless). */
  async disableStaff(id: string): Promise<boolean> {
    const { rowCount } = await this.database.pool.query('UPDATE staff_accounts SET disabled = true WHERE id = $1', [id]);
    return rowCount === 1;
  }

  /** A customer login counts as disabled while its customer is deactivated or erased. */
  async credentials(kind: SignInKind, email: string): Promise<Credentials | null> {
    const sql =
      kind === 'staff'
        ? `SELECT id, disabled, password_hash AS "passwordHash" FROM staff_accounts WHERE email = $1`
        : `SELECT l.id, l.disabled OR c.status <> 'active' OR c.erased_at IS NOT NULL AS disabled,
                  l.password_hash AS "passwordHash"
           FROM customer_logins l JOIN customers c ON c.id = l.customer_id WHERE l.email = $1`;
    const { rows } = await this.database.pool.query<Credentials>(sql, [email]);
    return rows[0] ?? null;
  }

  async updatePasswordHash(kind: SignInKind, id: string, passwordHash: string): Promise<void> {
    await this.database.pool.query(`UPDATE ${TABLE[kind]} SET password_hash = $2 WHERE id = $1`, [id, passwordHash]);
  }

  private async insert(email: string, sql: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    try {
      return await this.database.pool.query(sql, values);
    } catch (error) {
      if (error instanceof DatabaseError && error.code === '23505')
        throw new DomainError('ALREADY_EXISTS', `An account with email ${email} already exists`);
      throw error;
    }
  }
}

function toIso<T extends { createdAt: string | Date }>(row: T): T {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}
