import type { ProjectionContext, ProjectionTable } from '../runtime/projection';
import type { JobRow } from './jobs.projection';

/**
 * Upper bounds (seconds) of the job-duration histogram, created → finished: a minute to a day.
 * The stats table stores each finished job under the first bound it fits, so changing these
 * means bumping the jobs projection's version (a rebuild recounts every job).
 */
export const JOB_DURATION_BUCKETS = [60, 300, 900, 1800, 3600, 7200, 21600, 86400] as const;

/** The bucket of a job not finished (no duration yet). */
export const UNFINISHED_BUCKET = -1;

/** One row of `job_stats`: how many jobs have this status and duration bucket, and their summed duration. */
export interface JobStatsRow {
  readonly status: string;
  /** Index into JOB_DURATION_BUCKETS; its length for longer than the last bound; UNFINISHED_BUCKET when not finished. */
  readonly bucket: number;
  readonly jobs: number;
  readonly duration_ms: number;
}

/** All a row's stats depend on. */
type JobStatsKey = Pick<JobRow, 'status' | 'created_at' | 'finished_at'>;

/** A job row as a page changed it (applyKeyedRows' changes are these). */
export interface JobStatsChange {
  readonly before: JobStatsKey | null;
  readonly after: JobStatsKey;
}

function durationMs(row: JobStatsKey): number | null {
  if (row.finished_at === null) return null;
  // Rows read back from PostgreSQL carry Date objects, evolved ones ISO strings: both parse the same.
  return Math.max(0, new Date(row.finished_at).getTime() - new Date(row.created_at).getTime());
}

function bucketOf(ms: number | null): number {
  if (ms === null) return UNFINISHED_BUCKET;
  const index = JOB_DURATION_BUCKETS.findIndex((le) => ms <= le * 1000);
  return index === -1 ? JOB_DURATION_BUCKETS.length : index;
}

/**
 * What a page of job row changes does to the stats: each job leaves its old (status, bucket)
 * and joins its new one. Pairs that cancel out are left out.
 */
export function jobStatsDeltas(changes: readonly JobStatsChange[]): JobStatsRow[] {
  const deltas = new Map<string, { status: string; bucket: number; jobs: number; duration_ms: number }>();
  const add = (row: JobStatsKey, sign: 1 | -1): void => {
    const ms = durationMs(row);
    const bucket = bucketOf(ms);
    const key = `${bucket}:${row.status}`;
    const delta = deltas.get(key) ?? { status: row.status, bucket, jobs: 0, duration_ms: 0 };
    delta.jobs += sign;
    delta.duration_ms += sign * (ms ?? 0);
    deltas.set(key, delta);
  };
  for (const { before, after } of changes) {
    if (before) add(before, -1);
    add(after, 1);
  }
  return [...deltas.values()].filter((d) => d.jobs !== 0 || d.duration_ms !== 0);
}

/**
 * Job counts by status and the duration histogram, kept by the jobs projection so that reading
 * them (every metrics scrape) costs the same with ten jobs or ten million. Closed to customers.
 */
export const jobStatsTable: ProjectionTable = {
  name: 'job_stats',
  createSql: (t) => `CREATE TABLE ${t} (
    status text NOT NULL, bucket smallint NOT NULL, jobs int NOT NULL, duration_ms bigint NOT NULL,
    PRIMARY KEY (status, bucket))`,
};

/**
 * Adds a page's deltas in the projector's transaction (so they commit with its checkpoint, or not
 * at all). Rows that reach zero go, so the table matches a replay of the log whatever the paging.
 * (No CHECK on jobs: PostgreSQL checks the proposed row of an upsert, and a negative delta is one.)
 */
export async function applyJobStats(changes: readonly JobStatsChange[], context: ProjectionContext): Promise<void> {
  const deltas = jobStatsDeltas(changes);
  if (deltas.length === 0) return;
  const table = context.table(jobStatsTable.name);
  const { rows } = await context.client.query<{ jobs: number }>(
    `WITH delta AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(status text, bucket smallint, jobs int, duration_ms bigint)
     )
     INSERT INTO ${table} (status, bucket, jobs, duration_ms) SELECT status, bucket, jobs, duration_ms FROM delta
     ON CONFLICT (status, bucket) DO UPDATE SET jobs = ${table}.jobs + EXCLUDED.jobs, duration_ms = ${table}.duration_ms + EXCLUDED.duration_ms
     RETURNING jobs`,
    [JSON.stringify(deltas)],
  );
  // Only when a row reached zero: on a busy fleet most pages leave every count above it.
  if (rows.some((row) => row.jobs === 0)) await context.client.query(`DELETE FROM ${table} WHERE jobs = 0`);
}
