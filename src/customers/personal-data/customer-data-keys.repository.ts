import { Inject, Injectable } from '@nestjs/common';
import type { Reader } from '../../database/customer-scope';
import { Database } from '../../database/database';
import { newDataKey } from './personal-data-cipher';

/**
 * Per-customer data keys, kept outside the append-only log (migration 024). Deleting a key is
 * what erases: the log's sealed values stay, unreadable for ever (crypto-shredding, R-CUST-7).
 */
@Injectable()
export class CustomerDataKeys {
  constructor(@Inject(Database) private readonly database: Pick<Database, 'pool'>) {}

  /** The key of a customer being registered; a retried registration reuses the first one. */
  async getOrCreate(customerId: string): Promise<Buffer> {
    await this.database.pool.query(
      'INSERT INTO customer_data_keys (customer_id, data_key) VALUES ($1, $2) ON CONFLICT (customer_id) DO NOTHING',
      [customerId, newDataKey()],
    );
    const key = await this.find(customerId);
    if (!key) throw new Error(`The data key of customer ${customerId} vanished while it was being created`);
    return key;
  }

  async find(customerId: string): Promise<Buffer | null> {
    return (await findDataKeys(this.database.pool, [customerId])).get(customerId) ?? null;
  }

  async destroy(customerId: string): Promise<void> {
    await this.database.pool.query('DELETE FROM customer_data_keys WHERE customer_id = $1', [customerId]);
  }
}

/** Keys of many customers at once (the projection reads a page's worth inside its transaction). */
export async function findDataKeys(reader: Reader, customerIds: readonly string[]): Promise<Map<string, Buffer>> {
  const { rows } = await reader.query<{ customer_id: string; data_key: Buffer }>(
    'SELECT customer_id, data_key FROM customer_data_keys WHERE customer_id = ANY ($1::text[])',
    [customerIds],
  );
  return new Map(rows.map((row) => [row.customer_id, row.data_key]));
}
