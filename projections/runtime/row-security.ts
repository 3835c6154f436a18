import type { PoolClient } from 'pg';
import { CUSTOMER_ROLE } from '../../src/database/customer-scope';
import { physicalName, type Projection } from './projection';

/**
 * Row-level security on one generation's tables: customers' reads (as CUSTOMER_ROLE) see the
 * rows `customerRows` chooses; tables without it are not granted at all. Idempotent, so an
 * install can apply it to a generation built before it existed.
 */
export async function secureGeneration(client: PoolClient, projection: Projection, generation: number): Promise<void> {
  for (const table of projection.tables) {
    if (!table.customerRows) continue;
    const physical = physicalName(table.name, generation);
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = $1 AND policyname = 'customer_rows'`,
      [physical],
    );
    if (rowCount) continue; // secured already: every boot passes here, and ALTER TABLE would lock out the projector
    await client.query(`ALTER TABLE ${physical} ENABLE ROW LEVEL SECURITY`);
    await client.query(`CREATE POLICY customer_rows ON ${physical} FOR SELECT TO ${CUSTOMER_ROLE} USING (${table.customerRows})`);
    await client.query(`GRANT SELECT ON ${physical} TO ${CUSTOMER_ROLE}`);
  }
}

/**
 * The public views check the policies of whoever reads through them (security_invoker): a
 * view otherwise runs as its owner, whom the policies do not bind.
 */
export async function secureViews(client: PoolClient, projection: Projection): Promise<void> {
  for (const table of projection.tables) {
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_class WHERE oid = to_regclass($1) AND 'security_invoker=true' = ANY (coalesce(reloptions, '{}'))`,
      [table.name],
    );
    if (rowCount) continue;
    await client.query(`ALTER VIEW ${table.name} SET (security_invoker = true)`);
    if (table.customerRows) await client.query(`GRANT SELECT ON ${table.name} TO ${CUSTOMER_ROLE}`);
  }
}
