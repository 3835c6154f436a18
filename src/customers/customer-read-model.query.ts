import { Inject, Injectable } from '@nestjs/common';
import type { Reader } from '../database/customer-scope';
import { Database } from '../database/database';
import { nextAfter } from '../http/keyset-page';
import { VIEW_COLUMNS, viewOfRow, type CustomerView, type CustomerViewRow } from './customer-view';

export interface CustomerHistoryEntry {
  readonly version: number;
  readonly type: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly at: string;
  readonly fields: readonly string[];
}

export interface CustomerPage {
  readonly customers: readonly CustomerView[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

interface HistoryRow {
  readonly version: number;
  readonly type: string;
  readonly actor_kind: string;
  readonly actor_id: string;
  readonly at: Date;
  readonly fields: string[];
}

/** Reads of the customers read models; the reader is the pool (staff) or a customer-scoped client (RLS). */
@Injectable()
export class CustomerReadModel {
  constructor(@Inject(Database) private readonly database: Pick<Database, 'pool'>) {}

  /** Keyset by id: stable under inserts, no OFFSET scans. Includes rows that have no stream (version 0). */
  async page(limit: number, after: string | null): Promise<CustomerPage> {
    const { rows } = await this.database.pool.query<CustomerViewRow>(
      `SELECT ${VIEW_COLUMNS} FROM customers WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return { customers: rows.map(viewOfRow), next: nextAfter(rows, limit, (row) => row.id) };
  }

  async find(customerId: string, reader: Reader = this.database.pool): Promise<CustomerView | null> {
    const { rows } = await reader.query<CustomerViewRow>(`SELECT ${VIEW_COLUMNS} FROM customers WHERE id = $1`, [customerId]);
    return rows[0] ? viewOfRow(rows[0]) : null;
  }

  async history(customerId: string, reader: Reader = this.database.pool): Promise<CustomerHistoryEntry[]> {
    const { rows } = await reader.query<HistoryRow>(
      'SELECT version, type, actor_kind, actor_id, at, fields FROM customer_history WHERE customer_id = $1 ORDER BY version',
      [customerId],
    );
    return rows.map((row) => ({
      version: row.version,
      type: row.type,
      actor: { kind: row.actor_kind, id: row.actor_id },
      at: row.at.toISOString(),
      fields: row.fields,
    }));
  }
}
