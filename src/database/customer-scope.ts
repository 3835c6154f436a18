import type { Pool, PoolClient } from 'pg';
import { withTransaction } from './transaction';

/** Where a read runs: the pool (staff, the app's own role) or a customer-scoped transaction's client. */
export type Reader = Pick<PoolClient, 'query'>;

/** The database role customer-facing reads run as (migration 018); row policies admit it to its customer's rows only. */
export const CUSTOMER_ROLE = 'dbolt_customer';

/** The transaction setting the row policies compare with. */
export const CURRENT_CUSTOMER_SQL = "current_setting('app.customer_id', true)";

/**
 * Runs `read` in a transaction as CUSTOMER_ROLE with app.customer_id set for that transaction
 * only, so a query that forgets its customer filter still sees none of another customer's rows,
 * and tables without a customer policy refuse it outright. The setting ends with the transaction,
 * so a pooled connection never carries one customer's scope into the next request.
 */
export async function withCustomerScope<T>(pool: Pool, customerId: string, read: (client: PoolClient) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => {
    // set_config('role', …, true) is SET LOCAL ROLE (same membership check): both settings in one round trip.
    await client.query(`SELECT set_config('role', $1, true), set_config('app.customer_id', $2, true)`, [CUSTOMER_ROLE, customerId]);
    return read(client);
  });
}

/** Runs `read` in the customer's scope when `customerId` is given (a customer's request), else on the pool. */
export function readAs<T>(pool: Pool, customerId: string | null, read: (reader: Reader) => Promise<T>): Promise<T> {
  return customerId === null ? read(pool) : withCustomerScope(pool, customerId, read);
}
