import { Inject, Injectable } from '@nestjs/common';
import { withCustomerScope } from '../database/customer-scope';
import { Database } from '../database/database';
import { CustomerReadModel, type CustomerHistoryEntry } from './customer-read-model.query';
import type { CustomerView } from './customer-view';

export interface ExportedSubmission {
  readonly directoryId: string;
  readonly status: string;
  readonly listingUrl: string | null;
  readonly finishedAt: string | null;
}

export interface ExportedJob {
  readonly jobId: string;
  readonly status: string;
  readonly businessName: string;
  readonly directoryCount: number;
  readonly createdAt: string;
  readonly submissions: readonly ExportedSubmission[];
}

/** Everything held about a customer that it may read, in one document (the data-operations POST). */
export interface CustomerDataExport {
  readonly exportedAt: string;
  readonly customer: CustomerView;
  readonly history: readonly CustomerHistoryEntry[];
  readonly jobs: readonly ExportedJob[];
}

interface JobRow {
  id: string;
  status: string;
  business_name: string;
  directory_count: number;
  created_at: Date;
}
interface ResultRow {
  job_id: string;
  directory_id: string;
  status: string;
  listing_url: string | null;
  finished_at: Date | null;
}

/** Read in one customer-scoped transaction: the row policies admit this customer's rows only. */
@Injectable()
export class CustomerDataExportQuery {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CustomerReadModel) private readonly readModel: CustomerReadModel,
  ) {}

  export(customerId: string, now: Date): Promise<CustomerDataExport | null> {
    return withCustomerScope(this.database.pool, customerId, async (client) => {
      const customer = await this.readModel.find(customerId, client);
      if (!customer) return null;
      const history = await this.readModel.history(customerId, client);
      const jobs = await client.query<JobRow>(
        'SELECT id, status, business_name, directory_count, created_at FROM jobs WHERE customer_id = $1 ORDER BY created_at, id',
        [customerId],
      );
      const results = await client.query<ResultRow>(
        'SELECT job_id, directory_id, status, listing_url, finished_at FROM job_results WHERE job_id = ANY ($1::text[]) ORDER BY job_id, directory_id',
        [jobs.rows.map((job) => job.id)],
      );
      return { exportedAt: now.toISOString(), customer, history, jobs: jobs.rows.map((job) => exportedJob(job, results.rows)) };
    });
  }
}

function exportedJob(job: JobRow, results: readonly ResultRow[]): ExportedJob {
  return {
    jobId: job.id,
    status: job.status,
    businessName: job.business_name,
    directoryCount: job.directory_count,
    createdAt: job.created_at.toISOString(),
    submissions: results
      .filter((r) => r.job_id === job.id)
      .map((r) => ({
        directoryId: r.directory_id,
        status: r.status,
        listingUrl: r.listing_url,
        finishedAt: r.finished_at?.toISOString() ?? null,
      })),
  };
}
