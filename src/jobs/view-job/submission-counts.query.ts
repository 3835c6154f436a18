import { Inject, Injectable } from '@nestjs/common';
import type { Reader } from '../../database/customer-scope';
import { Database } from '../../database/database';
import type { SubmissionStatus } from '../../submissions/submission.events';

export interface SubmissionCounts {
  /** Submissions scheduled so far (the job_results rows); may trail the job by a moment. */
  readonly total: number;
  readonly byStatus: Readonly<Record<SubmissionStatus, number>>;
}

export function emptySubmissionCounts(): SubmissionCounts {
  return {
    total: 0,
    byStatus: { scheduled: 0, in_progress: 0, retry_scheduled: 0, succeeded: 0, failed: 0, needs_manual: 0, skipped: 0, dead_lettered: 0 },
  };
}

/** Submission counts by status from the `job_results` read model. */
@Injectable()
export class SubmissionCountsQuery {
  constructor(@Inject(Database) private readonly database: Database) {}

  async forJobs(jobIds: readonly string[], reader: Reader = this.database.pool): Promise<Map<string, SubmissionCounts>> {
    const counts = new Map(jobIds.map((id) => [id, emptySubmissionCounts()]));
    if (jobIds.length === 0) return counts;
    const { rows } = await reader.query<{ job_id: string; status: SubmissionStatus; n: number }>(
      'SELECT job_id, status, count(*)::int AS n FROM job_results WHERE job_id = ANY ($1) GROUP BY job_id, status',
      [jobIds],
    );
    for (const row of rows) {
      const current = counts.get(row.job_id) ?? emptySubmissionCounts();
      counts.set(row.job_id, { total: current.total + row.n, byStatus: { ...current.byStatus, [row.status]: row.n } });
    }
    return counts;
  }

  async forJob(jobId: string): Promise<SubmissionCounts> {
    return (await this.forJobs([jobId])).get(jobId) ?? emptySubmissionCounts();
  }
}
