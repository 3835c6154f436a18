import type { Pool } from 'pg';
import type { LogExpectations } from './log-expectations';

export interface RowCheck {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

async function count(pool: Pool, table: string): Promise<number> {
  return (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
}

async function statuses(pool: Pool, table: string): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function sameRecord(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
}

function describe(record: Readonly<Record<string, number>>): string {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n.toLocaleString('en-US')}`)
    .join(', ');
}

/** The live read models (the public views) against what the generator wrote. */
export async function verifyRows(pool: Pool, expected: LogExpectations): Promise<RowCheck> {
  const lines: string[] = [];
  let ok = true;
  const check = (label: string, actual: number, wanted: number): void => {
    const pass = actual === wanted;
    ok &&= pass;
    lines.push(`${label}: ${actual.toLocaleString('en-US')} rows, expected ${wanted.toLocaleString('en-US')}${pass ? '' : ' — MISMATCH'}`);
  };
  check('jobs', await count(pool, 'jobs'), expected.jobs);
  check('job_results', await count(pool, 'job_results'), expected.submissions);
  check('queue_history', await count(pool, 'queue_history'), expected.historyRows);
  const jobStatuses = await statuses(pool, 'jobs');
  const resultStatuses = await statuses(pool, 'job_results');
  const jobsMatch = sameRecord(jobStatuses, expected.jobStatuses);
  const resultsMatch = sameRecord(resultStatuses, expected.resultStatuses);
  ok &&= jobsMatch && resultsMatch;
  lines.push(
    `jobs by status: ${describe(jobStatuses)}${jobsMatch ? ' (as generated)' : ` — MISMATCH, generated ${describe(expected.jobStatuses)}`}`,
  );
  lines.push(
    `job_results by status: ${describe(resultStatuses)}${resultsMatch ? ' (as generated)' : ` — MISMATCH, generated ${describe(expected.resultStatuses)}`}`,
  );
  return { ok, lines };
}
