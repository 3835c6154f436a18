import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../../database/database';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { DomainError } from '../../shared/decider';
import type { EarlierSubmission, SkipReason, SubmissionStatus } from '../../submissions/submission.events';
import { jobStreamId } from '../job.events';

/** One directory of a job, as the `job_results` read model has it. */
export interface JobSubmission {
  readonly directoryId: string;
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly workerId: string | null;
  readonly listingUrl: string | null;
  readonly evidencePath: string | null;
  readonly lastErrorClass: string | null;
  readonly lastError: string | null;
  readonly retryDelayMs: number | null;
  readonly manualReason: string | null;
  /** Why a skipped submission was not sent: 'duplicate' (the site said so) or 'already-submitted'. */
  readonly skipReason: SkipReason | null;
  /** For 'already-submitted': the earlier job's accepted submission and its evidence. */
  readonly earlier: EarlierSubmission | null;
  readonly scheduledAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
}

interface Row {
  directory_id: string;
  status: SubmissionStatus;
  attempts: number;
  worker_id: string | null;
  listing_url: string | null;
  evidence_path: string | null;
  last_error_class: string | null;
  last_error: string | null;
  retry_delay_ms: number | null;
  manual_reason: string | null;
  skip_reason: SkipReason | null;
  earlier_job_id: string | null;
  earlier_accepted_at: Date | null;
  earlier_listing_url: string | null;
  earlier_evidence_path: string | null;
  scheduled_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

/** The per-directory results of a job (what staff look at before a retry); a job has at most 500. */
@Injectable()
export class JobSubmissionsQuery {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async list(jobId: string, statuses: readonly SubmissionStatus[] | null): Promise<JobSubmission[]> {
    const { events } = await this.store.readStream(jobStreamId(jobId), { maxCount: 1 });
    if (events.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    const { rows } = await this.database.pool.query<Row>(
      `SELECT directory_id, status, attempts, worker_id, listing_url, evidence_path, last_error_class, last_error,
              retry_delay_ms, manual_reason, skip_reason, earlier_job_id, earlier_accepted_at, earlier_listing_url,
              earlier_evidence_path, scheduled_at, started_at, finished_at, updated_at
       FROM job_results WHERE job_id = $1 AND ($2::text[] IS NULL OR status = ANY ($2)) ORDER BY directory_id`,
      [jobId, statuses],
    );
    return rows.map(toSubmission);
  }
}

function toSubmission(row: Row): JobSubmission {
  const iso = (date: Date | null): string | null => (date === null ? null : new Date(date).toISOString());
  return {
    directoryId: row.directory_id,
    status: row.status,
    attempts: row.attempts,
    workerId: row.worker_id,
    listingUrl: row.listing_url,
    evidencePath: row.evidence_path,
    lastErrorClass: row.last_error_class,
    lastError: row.last_error,
    retryDelayMs: row.retry_delay_ms,
    manualReason: row.manual_reason,
    skipReason: row.skip_reason,
    earlier: earlierOf(row),
    scheduledAt: new Date(row.scheduled_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function earlierOf(row: Row): EarlierSubmission | null {
  if (row.earlier_job_id === null || row.earlier_accepted_at === null) return null;
  return {
    jobId: row.earlier_job_id,
    directoryId: row.directory_id,
    acceptedAt: new Date(row.earlier_accepted_at).toISOString(),
    listingUrl: row.earlier_listing_url,
    evidencePath: row.earlier_evidence_path,
  };
}
