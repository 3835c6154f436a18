import type { Pool } from 'pg';
import type { SourceSnapshot } from './source-snapshot';

export class CopyMismatchError extends Error {
  constructor(readonly differences: readonly string[]) {
    super(`The copy does not match its source:\n  - ${differences.join('\n  - ')}`);
    this.name = 'CopyMismatchError';
  }
}

/** Per stream: how many events, and a digest of their ids in stream order. */
const STREAM_DIGESTS = `SELECT stream_id, count(*)::int AS n,
    md5(string_agg(event_id::text || ':' || event_type, ',' ORDER BY stream_version)) AS digest
  FROM events GROUP BY stream_id`;
/** The global order itself: every event id in (transaction id, position) order, digested in chunks. */
const ORDER_DIGESTS = `SELECT (s.n - 1) / 100000 AS chunk, count(*)::int AS n, md5(string_agg(s.event_id::text, ',' ORDER BY s.n)) AS digest
  FROM (SELECT e.event_id, row_number() OVER (ORDER BY e.transaction_id, e.position) AS n FROM events e) s
  GROUP BY 1 ORDER BY 1`;

interface StreamDigest {
  readonly stream_id: string;
  readonly n: number;
  readonly digest: string;
}

/** Fails loudly unless every stream, the global order and every copied table match. */
export async function checkCopy(source: SourceSnapshot, target: Pool, tables: readonly string[]): Promise<void> {
  const differences = [
    ...(await compareStreams(source, target)),
    ...(await compareOrder(source, target)),
    ...(await compareTables(source, target, tables)),
  ];
  if (differences.length > 0) throw new CopyMismatchError(differences);
}

async function compareStreams(source: SourceSnapshot, target: Pool): Promise<string[]> {
  const before = new Map((await source.client.query<StreamDigest>(STREAM_DIGESTS)).rows.map((r) => [r.stream_id, r]));
  const after = new Map((await target.query<StreamDigest>(STREAM_DIGESTS)).rows.map((r) => [r.stream_id, r]));
  const differences: string[] = [];
  for (const [stream, s] of before) {
    const t = after.get(stream);
    if (!t) differences.push(`stream ${stream}: ${s.n} events in the source, none in the target`);
    else if (t.n !== s.n || t.digest !== s.digest)
      differences.push(`stream ${stream}: ${s.n} events in the source, ${t.n} in the target, or not the same`);
  }
  for (const [stream, t] of after) if (!before.has(stream)) differences.push(`stream ${stream}: ${t.n} events in the target only`);
  return differences.slice(0, 20);
}

async function compareOrder(source: SourceSnapshot, target: Pool): Promise<string[]> {
  const digests = (rows: { n: number; digest: string }[]): string => rows.map((r) => `${r.n}:${r.digest}`).join(',');
  const s = (await source.client.query<{ n: number; digest: string }>(ORDER_DIGESTS)).rows;
  const t = (await target.query<{ n: number; digest: string }>(ORDER_DIGESTS)).rows;
  const [sourceCount, targetCount] = [s, t].map((rows) => rows.reduce((sum, r) => sum + r.n, 0));
  if (sourceCount !== targetCount) return [`${sourceCount} events in the source, ${targetCount} in the target`];
  return digests(s) === digests(t) ? [] : ["the events are not in the source's global order in the target"];
}

async function compareTables(source: SourceSnapshot, target: Pool, tables: readonly string[]): Promise<string[]> {
  const differences: string[] = [];
  for (const table of tables) {
    const sql = `SELECT count(*)::int AS n FROM ${table}`;
    const [s] = (await source.client.query<{ n: number }>(sql)).rows;
    const [t] = (await target.query<{ n: number }>(sql)).rows;
    if (s.n !== t.n) differences.push(`table ${table}: ${s.n} rows in the source, ${t.n} in the target`);
  }
  return differences;
}
