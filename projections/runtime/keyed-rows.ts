import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { ProjectionContext } from './projection';

export interface KeyedRow {
  readonly id: string;
  readonly version: number;
}

export interface KeyedRowsSpec<Row extends KeyedRow> {
  readonly table: string;
  /** Every column, in any order; `id` is the key. */
  readonly columns: readonly (keyof Row & string)[];
  /** The row an event belongs to, or null when it touches none. */
  keyOf(event: RecordedEvent): string | null;
  /** The next row; `version` must become the event's stream version. Null: leave as is. */
  evolve(row: Row | null, event: RecordedEvent): Row | null;
  /**
   * 'stream_version' when each row follows one stream: events at or below the row's version are
   * skipped, so re-applying is a no-op. 'none' for rows fed by many streams (the transactional
   * checkpoint alone keeps them exactly-once).
   */
  readonly guard: 'stream_version' | 'none';
}

/** A row this page changed: as it was before the page (null when new) and as it is now. */
export interface KeyedRowChange<Row extends KeyedRow> {
  readonly before: Row | null;
  readonly after: Row;
}

/**
 * One page in three statements whatever its size: load the touched rows, evolve them in memory,
 * upsert the changed ones from one JSON parameter. This is what makes rebuilds fast. Returns the
 * changes, so a projection can keep aggregates of its rows in step within the same transaction.
 */
export async function applyKeyedRows<Row extends KeyedRow>(
  spec: KeyedRowsSpec<Row>,
  events: readonly RecordedEvent[],
  context: ProjectionContext,
): Promise<readonly KeyedRowChange<Row>[]> {
  const byKey = groupByKey(spec, events);
  if (byKey.size === 0) return [];
  const table = context.table(spec.table);
  const { rows } = await context.client.query<Row>(`SELECT * FROM ${table} WHERE id = ANY ($1::text[])`, [[...byKey.keys()]]);
  const current = new Map(rows.map((row) => [row.id, row]));
  const changes: KeyedRowChange<Row>[] = [];
  for (const [key, keyEvents] of byKey) {
    const before = current.get(key) ?? null;
    const after = evolveRow(spec, before, keyEvents);
    if (after) changes.push({ before, after });
  }
  if (changes.length === 0) return [];
  const assignments = spec.columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ');
  const guard = spec.guard === 'stream_version' ? `WHERE ${table}.version < EXCLUDED.version` : '';
  await context.client.query(
    `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
     ON CONFLICT (id) DO UPDATE SET ${assignments} ${guard}`,
    [JSON.stringify(changes.map((change) => change.after))],
  );
  return changes;
}

function groupByKey<Row extends KeyedRow>(spec: KeyedRowsSpec<Row>, events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = spec.keyOf(event);
    if (key === null) continue;
    const list = byKey.get(key);
    if (list) list.push(event);
    else byKey.set(key, [event]);
  }
  return byKey;
}

function evolveRow<Row extends KeyedRow>(spec: KeyedRowsSpec<Row>, start: Row | null, events: readonly RecordedEvent[]): Row | null {
  let row = start;
  let dirty = false;
  for (const event of events) {
    if (spec.guard === 'stream_version' && row && event.streamVersion <= Number(row.version)) continue;
    const next = spec.evolve(row, event);
    if (next) {
      row = next;
      dirty = true;
    }
  }
  return dirty ? row : null;
}
