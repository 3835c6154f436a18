import { Inject, Injectable } from '@nestjs/common';
import { CustomerRepository } from '../../customers/customer.repository';
import { readAs, type Reader } from '../../database/customer-scope';
import { Database } from '../../database/database';
import { DomainError } from '../../shared/decider';
import type { JobStatus, PackageTier, Priority } from '../job.events';
import { SubmissionCountsQuery, type SubmissionCounts } from '../view-job/submission-counts.query';

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
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly version: number;
}

/** A customer's jobs from the `jobs` read model (may trail the event store by a moment), newest first. */
@Injectable()
export class CustomerJobsQuery {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(SubmissionCountsQuery) private readonly submissions: SubmissionCountsQuery,
  ) {}

  /**
   * `scoped`: a customer's own request, read in its database scope (row security), so a mistake
   * in this query could still show nothing of another customer's.
   */
  async list(customerId: string, limit: number, scoped = false): Promise<JobSummary[]> {
    return readAs(this.database.pool, scoped ? customerId : null, (reader) => this.read(reader, customerId, limit));
  }

  private async read(reader: Reader, customerId: string, limit: number): Promise<JobSummary[]> {
    if (!(await this.customers.exists(customerId, reader))) throw new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
    const { rows } = await reader.query<JobListRow>(
      `SELECT id, status, status_reason, priority, package_tier, business_name, directory_count, dead_lettered,
              created_at, updated_at, version
       FROM jobs WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [customerId, limit],
    );
    const counts = await this.submissions.forJobs(rows.map((row) => row.id), reader);
    return rows.map((row) => toSummary(row, counts.get(row.id)!));
  }
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
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    submissions,
  };
}
