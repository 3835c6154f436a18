import { Inject, Injectable } from '@nestjs/common';
import { readAs, type Reader } from '../../database/customer-scope';
import { Database } from '../../database/database';
import { preparedQuery } from '../../database/prepared-query';
import { DomainError } from '../../shared/decider';
import type { JobStatus, PackageTier, Priority } from '../job.events';
import type { SubmissionStatus } from '../../submissions/submission.events';
import { emptySubmissionCounts, type SubmissionCounts } from '../view-job/submission-counts.query';

export interface JobSummary {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly statusReason: string | null;
  readonly priority: Priority;
  readonly packageTier: PackageTier;
  readonly businessName: string;
  readonly directoryCount: number;
  readonly deadLettered: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly submissions: SubmissionCounts;
}

interface JobListRow {
  readonly id: string;
  readonly status: JobStatus;
  readonly status_reason: string | null;
  readonly priority: Priority;
  readonly package_tier: PackageTier;
  readonly business_name: string;
  readonly directory_count: number;
  readonly dead_lettered: number;
  /** ISO 8601 text, as Date.toISOString() would write it. */
  readonly created_at: string;
  readonly updated_at: string;
  readonly version: number;
  readonly by_status: Partial<Record<SubmissionStatus, number>> | null;
}

/** The row of a customer who has no jobs yet. */
interface NoJobRow {
  readonly id: null;
}

/** toISOString()'s format (milliseconds truncated alike): the hottest read skips a Date per timestamp both ways. */
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** One round trip: the customer row (none: 404), its newest jobs, and each job's counts by status. */
const LIST_SQL = `SELECT j.id, j.status, j.status_reason, j.priority, j.package_tier, j.business_name, j.directory_count,
              j.dead_lettered, to_char(j.created_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS created_at,
              to_char(j.updated_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS updated_at, j.version, counts.by_status
       FROM customers c
       LEFT JOIN LATERAL (
         SELECT * FROM jobs WHERE customer_id = c.id ORDER BY created_at DESC, id DESC LIMIT $2
       ) j ON true
       LEFT JOIN LATERAL (
         SELECT jsonb_object_agg(status, n) AS by_status
         FROM (SELECT status, count(*)::int AS n FROM job_results WHERE job_id = j.id GROUP BY status) s
       ) counts ON true
       WHERE c.id = $1
       ORDER BY j.created_at DESC, j.id DESC`;

/** A customer's jobs from the `jobs` read model (may trail the event store by a moment), newest first. */
@Injectable()
export class CustomerJobsQuery {
  constructor(@Inject(Database) private readonly database: Database) {}

  /**
   * `scoped`: a customer's own request, read in its database scope (row security), so a mistake
   * in this query could still show nothing of another customer's.
   */
  async list(customerId: string, limit: number, scoped = false): Promise<JobSummary[]> {
    return readAs(this.database.pool, scoped ? customerId : null, (reader) => this.read(reader, customerId, limit));
  }

  /** A customer without jobs comes back as one row whose job columns are null. */
  private async read(reader: Reader, customerId: string, limit: number): Promise<JobSummary[]> {
    const { rows } = await reader.query<JobListRow | NoJobRow>(
      preparedQuery(this.database.mode, 'customer-jobs', LIST_SQL, [customerId, limit]),
    );
    if (rows.length === 0) throw new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
    return rows.filter((row): row is JobListRow => row.id !== null).map((row) => toSummary(row, countsOf(row.by_status)));
  }
}

function countsOf(byStatus: Partial<Record<SubmissionStatus, number>> | null): SubmissionCounts {
  const empty = emptySubmissionCounts();
  const merged = { ...empty.byStatus, ...byStatus };
  return { total: Object.values(merged).reduce((sum, n) => sum + n, 0), byStatus: merged };
}

function toSummary(row: JobListRow, submissions: SubmissionCounts): JobSummary {
  return {
    jobId: row.id,
    status: row.status,
    statusReason: row.status_reason,
    priority: row.priority,
    packageTier: row.package_tier,
    businessName: row.business_name,
    directoryCount: row.directory_count,
    deadLettered: row.dead_lettered,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    submissions,
  };
}
