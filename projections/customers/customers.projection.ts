import type { PoolClient } from 'pg';
import { CURRENT_CUSTOMER_SQL } from '../../src/database/customer-scope';
import { isOneOf } from '../../src/event-store/event-decoding';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { CUSTOMER_STREAM_PREFIX } from '../../src/customers/customer.events';
import { findDataKeys } from '../../src/customers/personal-data/customer-data-keys.repository';
import {
  fieldsTouched,
  openCustomerEvent,
  STORED_CUSTOMER_EVENT_TYPES,
  type StoredCustomerEvent,
} from '../../src/customers/personal-data/customer-event-codec';
import type { Projection, ProjectionContext } from '../runtime/projection';
import { CUSTOMER_COLUMNS, evolveCustomerRow, type CustomerRow } from './customer-rows';

type CustomerRecord = RecordedEvent<StoredCustomerEvent>;

export interface CustomerHistoryRow {
  readonly customer_id: string;
  readonly version: number;
  readonly type: string;
  readonly actor_kind: string;
  readonly actor_id: string;
  readonly at: string;
  /** Names of the fields the event set; never their values. */
  readonly fields: readonly string[];
}

export function historyRow(event: CustomerRecord): CustomerHistoryRow {
  return {
    customer_id: event.data.customerId,
    version: event.streamVersion,
    type: event.type,
    actor_kind: event.metadata.actor.kind,
    actor_id: event.metadata.actor.id,
    at: event.metadata.timestamp,
    fields: [...fieldsTouched(event)],
  };
}

async function writeHistory(events: readonly CustomerRecord[], context: ProjectionContext): Promise<void> {
  const table = context.table('customer_history');
  await context.client.query(
    `INSERT INTO ${table} (customer_id, version, type, actor_kind, actor_id, at, fields)
     SELECT customer_id, version, type, actor_kind, actor_id, at, fields FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (customer_id, version) DO NOTHING`,
    [JSON.stringify(events.map(historyRow))],
  );
}

/**
 * The `customers` table is shared with rows that have no stream (version 0), so it is not a
 * blue/green generation: rows only move forward by stream version, and a rebuild re-applies
 * events without deleting or rolling back anything; a row missing from the table comes back.
 * Events are opened with the keys that exist now, so erased customers come back erased.
 */
async function writeCustomers(events: readonly CustomerRecord[], client: PoolClient): Promise<void> {
  const ids = [...new Set(events.map((event) => event.data.customerId))];
  const keys = await findDataKeys(client, ids);
  const { rows } = await client.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS.join(', ')} FROM customers WHERE id = ANY ($1::text[])`, [
    ids,
  ]);
  const current = new Map(rows.map((row) => [row.id, row]));
  const changed = new Map<string, CustomerRow>();
  for (const event of events) {
    const id = event.data.customerId;
    const row = current.get(id) ?? null;
    if (row && event.streamVersion <= Number(row.version)) continue;
    const next = evolveCustomerRow(row, openCustomerEvent(event, keys.get(id) ?? null), event.metadata.timestamp, event.streamVersion);
    if (!next) continue;
    current.set(id, next);
    changed.set(id, next);
  }
  if (changed.size === 0) return;
  const columns = CUSTOMER_COLUMNS.join(', ');
  const assignments = CUSTOMER_COLUMNS.filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  await client.query(
    `INSERT INTO customers (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::customers, $1::jsonb)
     ON CONFLICT (id) DO UPDATE SET ${assignments} WHERE customers.version < EXCLUDED.version`,
    [JSON.stringify([...changed.values()])],
  );
}

export const customersProjection: Projection = {
  name: 'customers',
  version: 1,
  handles: STORED_CUSTOMER_EVENT_TYPES,
  tables: [
    {
      name: 'customer_history',
      customerRows: `customer_id = ${CURRENT_CUSTOMER_SQL}`,
      createSql: (t) => `CREATE TABLE ${t} (
        customer_id text NOT NULL, version int NOT NULL, type text NOT NULL, actor_kind text NOT NULL, actor_id text NOT NULL,
        at timestamptz NOT NULL, fields text[] NOT NULL, PRIMARY KEY (customer_id, version));`,
    },
  ],
  apply: async (events, context) => {
    const customerEvents = events.filter(
      (event): event is CustomerRecord =>
        event.streamId.startsWith(CUSTOMER_STREAM_PREFIX) && isOneOf<StoredCustomerEvent>(STORED_CUSTOMER_EVENT_TYPES, event),
    );
    if (customerEvents.length === 0) return;
    await writeHistory(customerEvents, context);
    // Verify compares the blue/green history only; `customers` is live state it must not touch.
    if (!context.scratch) await writeCustomers(customerEvents, context.client);
  },
};
