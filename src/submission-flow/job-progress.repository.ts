import type { Pool } from 'pg';
import { withTransaction } from '../database/transaction';
import { decodeEvents } from '../event-store/event-decoding';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { JobCreated, OutcomeCounts } from '../jobs/job.events';
import {
  SUBMISSION_EVENT_TYPES,
  TERMINAL_SUBMISSION_STATUSES,
  type SubmissionEvent,
  type SubmissionStatus,
} from '../submissions/submission.events';

const STATUS_AFTER: Readonly<Record<SubmissionEvent['type'], SubmissionStatus>> = {
  SubmissionScheduled: 'scheduled',
  SubmissionAttemptStarted: 'in_progress',
  SubmissionRetryScheduled: 'retry_scheduled',
  SubmissionSucceeded: 'succeeded',
  SubmissionFailed: 'failed',
  SubmissionNeedsManual: 'needs_manual',
  SubmissionSkipped: 'skipped',
  SubmissionReopened: 'scheduled',
  SubmissionDeadLettered: 'dead_lettered',
  SubmissionRedriven: 'scheduled',
};

/** What progress is made of: a job's directories, and where each of its submissions stands. */
const RECORDED_TYPES = ['JobCreated', ...SUBMISSION_EVENT_TYPES] as const;

export interface JobProgress {
  readonly directoryCount: number;
  readonly terminal: number;
  readonly counts: OutcomeCounts;
}

/** Records a page of events; guarded by stream version, so a replayed page changes nothing. */
export async function recordProgress(pool: Pool, events: readonly RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const jobs: { job_id: string; directory_count: number }[] = [];
  const latest = new Map<string, Record<string, unknown>>();
  for (const event of decodeEvents<JobCreated | SubmissionEvent>(RECORDED_TYPES, events)) {
    if (event.type === 'JobCreated') {
      jobs.push({ job_id: event.data.jobId, directory_count: event.data.directoryIds.length });
      continue;
    }
    const { data } = event;
    const status = STATUS_AFTER[event.type];
    latest.set(`${data.jobId}:${data.directoryId}`, {
      job_id: data.jobId,
      directory_id: data.directoryId,
      status,
      terminal: TERMINAL_SUBMISSION_STATUSES.includes(status),
      stream_version: event.streamVersion,
    });
  }
  await withTransaction(pool, async (client) => {
    if (jobs.length > 0) {
      await client.query(
        `INSERT INTO job_progress_jobs SELECT * FROM jsonb_populate_recordset(NULL::job_progress_jobs, $1::jsonb) ON CONFLICT DO NOTHING`,
        [JSON.stringify(jobs)],
      );
    }
    if (latest.size === 0) return;
    await client.query(
      `INSERT INTO job_progress_submissions SELECT * FROM jsonb_populate_recordset(NULL::job_progress_submissions, $1::jsonb)
       ON CONFLICT (job_id, directory_id) DO UPDATE SET status = EXCLUDED.status, terminal = EXCLUDED.terminal,
         stream_version = EXCLUDED.stream_version
       WHERE job_progress_submissions.stream_version < EXCLUDED.stream_version`,
      [JSON.stringify([...latest.values()])],
    );
  });
}

/**
 * A staff retry asks to reopen these directories: each one that is failed or parked now stays
 * unfinished until its stream moves on (the reopening, or whatever overtook it). Only those two
 * statuses: from any other the reopening cannot happen, and a mark would never clear.
 */
export async function markReopensPending(pool: Pool, jobId: string, directoryIds: readonly string[], requeueId: string): Promise<void> {
  await pool.query(
    `INSERT INTO job_progress_pending_reopens (job_id, directory_id, requeue_id, after_version)
     SELECT job_id, directory_id, $3, stream_version FROM job_progress_submissions
     WHERE job_id = $1 AND directory_id = ANY ($2::text[]) AND status IN ('failed', 'needs_manual')
     ON CONFLICT DO NOTHING`,
    [jobId, directoryIds, requeueId],
  );
}

export async function progressOf(pool: Pool, jobId: string): Promise<JobProgress | null> {
  const { rows } = await pool.query<{
    directory_count: number;
    terminal: number;
    succeeded: number;
    failed: number;
    needs_manual: number;
    skipped: number;
    dead_lettered: number;
  }>(
    `SELECT j.directory_count,
            count(*) FILTER (WHERE s.terminal AND NOT EXISTS (
              SELECT 1 FROM job_progress_pending_reopens p
              WHERE p.job_id = s.job_id AND p.directory_id = s.directory_id AND p.after_version >= s.stream_version))::int AS terminal,
            count(*) FILTER (WHERE s.status = 'succeeded')::int AS succeeded,
            count(*) FILTER (WHERE s.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE s.status = 'needs_manual')::int AS needs_manual,
            count(*) FILTER (WHERE s.status = 'skipped')::int AS skipped,
            count(*) FILTER (WHERE s.status = 'dead_lettered')::int AS dead_lettered
     FROM job_progress_jobs j LEFT JOIN job_progress_submissions s ON s.job_id = j.job_id
     WHERE j.job_id = $1 GROUP BY j.directory_count`,
    [jobId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    directoryCount: row.directory_count,
    terminal: row.terminal,
    counts: {
      succeeded: row.succeeded,
      failed: row.failed,
      needsManual: row.needs_manual,
      skipped: row.skipped,
      deadLettered: row.dead_lettered,
    },
  };
}
