import type { Pool } from 'pg';

/** What the generator wrote, hence what the three read models must hold. */
export interface LogExpectations {
  readonly events: number;
  /** One jobs row per JobCreated. */
  readonly jobs: number;
  /** One job_results row per SubmissionScheduled. */
  readonly submissions: number;
  /** One queue_history row per job or submission event. */
  readonly historyRows: number;
  /** jobs.status → rows, from each job stream's last event. */
  readonly jobStatuses: Readonly<Record<string, number>>;
  /** job_results.status → rows, from each submission stream's last event. */
  readonly resultStatuses: Readonly<Record<string, number>>;
}

const STATUS_OF_LAST_EVENT = `CASE type
  WHEN 'JobCreated' THEN 'pending' WHEN 'JobQueued' THEN 'queued' WHEN 'JobStarted' THEN 'in_progress'
  WHEN 'JobCompleted' THEN 'complete' WHEN 'SubmissionScheduled' THEN 'scheduled'
  WHEN 'SubmissionAttemptStarted' THEN 'in_progress' WHEN 'SubmissionRetryScheduled' THEN 'retry_scheduled'
  WHEN 'SubmissionSucceeded' THEN 'succeeded' WHEN 'SubmissionFailed' THEN 'failed'
  WHEN 'SubmissionNeedsManual' THEN 'needs_manual' WHEN 'SubmissionSkipped' THEN 'skipped' END`;

function toRecord(rows: readonly { status: string; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Read from the generator's own plan (bench_skeleton), not from the loaded log. */
export async function expectationsFromSkeleton(pool: Pool): Promise<LogExpectations> {
  const totals = await pool.query<{ events: number; jobs: number; submissions: number }>(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE type = 'JobCreated')::int AS jobs,
       count(*) FILTER (WHERE type = 'SubmissionScheduled')::int AS submissions FROM bench_skeleton`,
  );
  const statuses = await pool.query<{ kind: string; status: string; n: number }>(
    `SELECT CASE WHEN d IS NULL THEN 'job' ELSE 'submission' END AS kind, ${STATUS_OF_LAST_EVENT} AS status, count(*)::int AS n
     FROM (SELECT DISTINCT ON (stream_id) stream_id, d, type FROM bench_skeleton ORDER BY stream_id, version DESC) last
     GROUP BY 1, 2`,
  );
  const t = totals.rows[0];
  return {
    events: t.events,
    jobs: t.jobs,
    submissions: t.submissions,
    historyRows: t.events,
    jobStatuses: toRecord(statuses.rows.filter((r) => r.kind === 'job')),
    resultStatuses: toRecord(statuses.rows.filter((r) => r.kind === 'submission')),
  };
}

function addRecords(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const sum: Record<string, number> = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

/** The seed plus what the append load wrote on top of it. */
export function addExpectations(a: LogExpectations, b: LogExpectations): LogExpectations {
  return {
    events: a.events + b.events,
    jobs: a.jobs + b.jobs,
    submissions: a.submissions + b.submissions,
    historyRows: a.historyRows + b.historyRows,
    jobStatuses: addRecords(a.jobStatuses, b.jobStatuses),
    resultStatuses: addRecords(a.resultStatuses, b.resultStatuses),
  };
}

const STATUS_BY_LAST_TYPE: Readonly<Record<string, string>> = {
  JobCreated: 'pending',
  JobQueued: 'queued',
  JobStarted: 'in_progress',
  JobCompleted: 'complete',
  SubmissionScheduled: 'scheduled',
  SubmissionAttemptStarted: 'in_progress',
  SubmissionRetryScheduled: 'retry_scheduled',
  SubmissionSucceeded: 'succeeded',
  SubmissionFailed: 'failed',
  SubmissionNeedsManual: 'needs_manual',
  SubmissionSkipped: 'skipped',
};

/** From the last event type appended to each stream (the append load keeps these). */
export function expectationsFromStreams(lastTypes: ReadonlyMap<string, string>, events: number): LogExpectations {
  const jobStatuses: Record<string, number> = {};
  const resultStatuses: Record<string, number> = {};
  for (const [streamId, type] of lastTypes) {
    const into = streamId.startsWith('job-') ? jobStatuses : resultStatuses;
    const status = STATUS_BY_LAST_TYPE[type] ?? `unknown ${type}`;
    into[status] = (into[status] ?? 0) + 1;
  }
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return { events, jobs: sum(jobStatuses), submissions: sum(resultStatuses), historyRows: events, jobStatuses, resultStatuses };
}
