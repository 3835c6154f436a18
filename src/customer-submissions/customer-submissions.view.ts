import type { JobStatus, PackageTier, Priority } from '../jobs/job.events';
import type { SubmissionStatus } from '../submissions/submission.events';

/** One directory of a job as its customer sees it: no worker ids, no raw error text. */
export interface DirectoryResult {
  readonly directoryId: string;
  readonly directoryName: string | null;
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly listingUrl: string | null;
  /** Where the owner (and staff) open the screenshot; null when the submission kept none. */
  readonly evidenceUrl: string | null;
  readonly errorClass: string | null;
  readonly manualReason: string | null;
  /** 'duplicate' (the site said so) or 'already-submitted' (sent by an earlier job: `earlier`). */
  readonly skipReason: string | null;
  /** The customer's own earlier job whose accepted submission made this one unnecessary, and its screenshot. */
  readonly earlier: {
    readonly jobId: string;
    readonly acceptedAt: string | null;
    readonly listingUrl: string | null;
    readonly evidenceUrl: string | null;
  } | null;
  readonly finishedAt: string | null;
  readonly updatedAt: string;
}

export interface CustomerSubmission {
  readonly jobId: string;
  readonly customerId: string;
  readonly status: JobStatus;
  readonly packageTier: PackageTier;
  readonly priority: Priority;
  readonly directoryCount: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly results: DirectoryResult[];
}

export interface JobRow {
  readonly id: string;
  readonly customer_id: string;
  readonly status: JobStatus;
  readonly package_tier: PackageTier;
  readonly priority: Priority;
  readonly directory_count: number;
  readonly created_at: Date;
  readonly finished_at: Date | null;
}

export interface ResultRow {
  readonly job_id: string;
  readonly directory_id: string;
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly listing_url: string | null;
  readonly evidence_path: string | null;
  readonly last_error_class: string | null;
  readonly manual_reason: string | null;
  readonly skip_reason: string | null;
  readonly earlier_job_id: string | null;
  readonly earlier_accepted_at: Date | null;
  readonly earlier_listing_url: string | null;
  readonly earlier_evidence_path: string | null;
  readonly finished_at: Date | null;
  readonly updated_at: Date;
}

export const JOB_COLUMNS = 'id, customer_id, status, package_tier, priority, directory_count, created_at, finished_at';
export const RESULT_COLUMNS = `job_id, directory_id, status, attempts, listing_url, evidence_path, last_error_class, manual_reason,
  skip_reason, earlier_job_id, earlier_accepted_at, earlier_listing_url, earlier_evidence_path, finished_at, updated_at`;

export function screenshotUrl(jobId: string, directoryId: string): string {
  return `/api/submissions/${jobId}/results/${encodeURIComponent(directoryId)}/screenshot`;
}

export function toSubmission(job: JobRow, results: readonly ResultRow[], names: ReadonlyMap<string, string>): CustomerSubmission {
  return {
    jobId: job.id,
    customerId: job.customer_id,
    status: job.status,
    packageTier: job.package_tier,
    priority: job.priority,
    directoryCount: job.directory_count,
    createdAt: iso(job.created_at),
    finishedAt: job.finished_at ? iso(job.finished_at) : null,
    results: results.map((row) => toResult(row, names.get(row.directory_id) ?? null)),
  };
}

function toResult(row: ResultRow, directoryName: string | null): DirectoryResult {
  return {
    directoryId: row.directory_id,
    directoryName,
    status: row.status,
    attempts: row.attempts,
    listingUrl: row.listing_url,
    evidenceUrl: row.evidence_path ? screenshotUrl(row.job_id, row.directory_id) : null,
    errorClass: row.last_error_class,
    manualReason: row.manual_reason,
    skipReason: row.skip_reason,
    earlier: earlierOf(row),
    finishedAt: row.finished_at ? iso(row.finished_at) : null,
    updatedAt: iso(row.updated_at),
  };
}

/** The listing key includes the customer, so the earlier job is always the same customer's (its screenshot opens for them). */
function earlierOf(row: ResultRow): DirectoryResult['earlier'] {
  if (row.earlier_job_id === null) return null;
  return {
    jobId: row.earlier_job_id,
    acceptedAt: row.earlier_accepted_at ? iso(row.earlier_accepted_at) : null,
    listingUrl: row.earlier_listing_url,
    evidenceUrl: row.earlier_evidence_path ? screenshotUrl(row.earlier_job_id, row.directory_id) : null,
  };
}

function iso(date: Date): string {
  return new Date(date).toISOString();
}
