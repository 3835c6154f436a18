import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CustomerRepository } from '../customers/customer.repository';
import { readAs, type Reader } from '../database/customer-scope';
import { Database } from '../database/database';
import { DomainError } from '../shared/decider';
import { openableEvidence, type EvidenceImageType } from '../test-submissions/evidence-file';
import {
  JOB_COLUMNS,
  RESULT_COLUMNS,
  toSubmission,
  type CustomerSubmission,
  type JobRow,
  type ResultRow,
} from './customer-submissions.view';
import type { RequestedCustomer } from './submissions-customer';

/**
 * Customers' jobs and per-directory results from the read models (they may trail the log by a
 * moment). A customer's reads run in its database scope, so row security hides other customers'
 * rows even from a query that forgot its filter.
 */
@Injectable()
export class CustomerSubmissionsQuery {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(CustomerRepository) private readonly customers: CustomerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Newest first; `after` is the last job id of the previous page. */
  async page(who: RequestedCustomer, limit: number, after: string | null): Promise<CustomerSubmission[]> {
    const { customerId, scoped } = who;
    const { jobs, results } = await readAs(this.database.pool, scoped ? customerId : null, async (reader) => {
      if (!(await this.customers.exists(customerId, reader))) throw new DomainError('NOT_FOUND', `Customer ${customerId} does not exist`);
      const { rows } = await reader.query<JobRow>(
        `SELECT ${JOB_COLUMNS} FROM jobs WHERE customer_id = $1
           AND ($2::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM jobs WHERE id = $2 AND customer_id = $1))
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [customerId, after, limit],
      );
      return {
        jobs: rows,
        results: await resultsOf(
          reader,
          rows.map((row) => row.id),
        ),
      };
    });
    // After the scoped transaction: on embedded PGlite a second connection inside it would wait forever.
    const names = await this.directoryNames(results);
    return jobs.map((job) =>
      toSubmission(
        job,
        results.filter((row) => row.job_id === job.id),
        names,
      ),
    );
  }

  /** One job; `scope` is the customer of a customer session, whose other customers' jobs read as unknown. */
  async one(jobId: string, scope: string | null): Promise<CustomerSubmission> {
    const found = await readAs(this.database.pool, scope, async (reader) => {
      const { rows } = await reader.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [jobId]);
      const job = rows[0];
      if (!job || (scope !== null && job.customer_id !== scope)) return null;
      return { job, results: await resultsOf(reader, [jobId]) };
    });
    if (!found) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    return toSubmission(found.job, found.results, await this.directoryNames(found.results));
  }

  /** The screenshot file of one result; 404 alike for another customer's, a missing one, or a path outside the evidence directory. */
  async screenshot(
    jobId: string,
    directoryId: string,
    scope: string | null,
  ): Promise<{ path: string; size: number; type: EvidenceImageType }> {
    const evidencePath = await readAs(this.database.pool, scope, async (reader) => {
      const { rows } = await reader.query<{ evidence_path: string | null; customer_id: string }>(
        `SELECT r.evidence_path, j.customer_id FROM job_results r JOIN jobs j ON j.id = r.job_id
         WHERE r.job_id = $1 AND r.directory_id = $2`,
        [jobId, directoryId],
      );
      const row = rows[0];
      return row && (scope === null || row.customer_id === scope) ? row.evidence_path : null;
    });
    const file = await openableEvidence(this.config.browser.evidenceDir, evidencePath);
    if (!file) {
      throw new NotFoundException({ error: 'screenshot_not_found', message: `No screenshot for directory ${directoryId} of job ${jobId}` });
    }
    return file;
  }

  /** Directory names from the catalog (the service's own data, read as the app). */
  private async directoryNames(results: readonly ResultRow[]): Promise<Map<string, string>> {
    const ids = [...new Set(results.map((row) => row.directory_id))];
    if (ids.length === 0) return new Map();
    const { rows } = await this.database.pool.query<{ id: string; name: string }>('SELECT id, name FROM directories WHERE id = ANY ($1)', [
      ids,
    ]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

async function resultsOf(reader: Reader, jobIds: readonly string[]): Promise<ResultRow[]> {
  if (jobIds.length === 0) return [];
  const { rows } = await reader.query<ResultRow>(
    `SELECT ${RESULT_COLUMNS} FROM job_results WHERE job_id = ANY ($1) ORDER BY job_id, directory_id`,
    [jobIds],
  );
  return rows;
}
