import type { Pool } from 'pg';
import { withTransaction } from '../../database/transaction';
import type { TableTreatment } from './copy-plan';
import type { SourceSnapshot } from './source-snapshot';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain SQL identifier`);
  return name;
}

/** Rows as JSON text (exact: no JavaScript numbers or dates in between). */
function selectSql(table: string, treatment: TableTreatment): string {
  const t = ident(table);
  switch (treatment) {
    case 'queue':
      // The source is stopped: a message a worker held there has no worker any more.
      return `SELECT (to_jsonb(t) || CASE WHEN t.receipt IS NULL THEN '{}'::jsonb
                ELSE jsonb_build_object('receipt', NULL, 'visible_at', now()) END)::text AS row FROM ${t} t`;
    case 'archive':
      // Archived rows name their event by position; the event id carries it across.
      return `SELECT (to_jsonb(a) || jsonb_build_object('event_id', e.event_id))::text AS row
              FROM ${t} a JOIN events e ON e.position = a.position`;
    default:
      return `SELECT to_jsonb(t)::text AS row FROM ${t} t`;
  }
}

function insertSql(table: string, treatment: TableTreatment): string {
  const t = ident(table);
  if (treatment === 'archive') {
    return `INSERT INTO ${t} SELECT (jsonb_populate_record(NULL::${t}, r.value || jsonb_build_object('position', e.position))).*
            FROM jsonb_array_elements($1::jsonb) r JOIN events e ON e.event_id = (r.value->>'event_id')::uuid`;
  }
  return `INSERT INTO ${t} SELECT * FROM jsonb_populate_recordset(NULL::${t}, $1::jsonb)`;
}

/** Copies one table; serial columns then continue after the copied values. Returns rows copied. */
export async function copyTable(
  source: SourceSnapshot,
  target: Pool,
  table: string,
  treatment: TableTreatment,
  batchSize: number,
): Promise<number> {
  if (treatment === 'replace') await target.query(`DELETE FROM ${ident(table)}`);
  let copied = 0;
  for await (const page of source.pages(selectSql(table, treatment), batchSize)) {
    await withTransaction(target, (client) => client.query(insertSql(table, treatment), [`[${page.join(',')}]`]));
    copied += page.length;
  }
  await advanceSequences(target, table);
  return copied;
}

async function advanceSequences(target: Pool, table: string): Promise<void> {
  const { rows } = await target.query<{ column: string; sequence: string }>(
    `SELECT a.attname AS column, pg_get_serial_sequence($1, a.attname) AS sequence
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
       AND pg_get_serial_sequence($1, a.attname) IS NOT NULL`,
    [table],
  );
  for (const { column, sequence } of rows) {
    const c = ident(column);
    await target.query(`SELECT setval($1, greatest((SELECT max(${c}) FROM ${ident(table)}), 1))`, [sequence]);
  }
}
