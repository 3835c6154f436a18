import { Histogram, type Registry } from 'prom-client';
import { JOB_DURATION_BUCKETS, type JobStatsRow } from '../../projections/jobs/job-stats';

const NAME = 'dbolt_job_duration_seconds';
const HELP = 'Jobs from created to finished (jobs read model), by final status.';

interface StatusHistogram {
  readonly status: string;
  /** Cumulative: jobs at or under each bound of JOB_DURATION_BUCKETS. */
  readonly buckets: number[];
  n: number;
  seconds: number;
}

/** Finished jobs' rows of job_stats as one cumulative histogram per status. */
function histograms(rows: readonly JobStatsRow[]): StatusHistogram[] {
  const byStatus = new Map<string, StatusHistogram>();
  for (const row of rows) {
    if (row.bucket < 0) continue; // not finished: no duration
    const h = byStatus.get(row.status) ?? { status: row.status, buckets: JOB_DURATION_BUCKETS.map(() => 0), n: 0, seconds: 0 };
    for (let i = row.bucket; i < JOB_DURATION_BUCKETS.length; i++) h.buckets[i] += row.jobs;
    h.n += row.jobs;
    h.seconds += Number(row.duration_ms) / 1000;
    byStatus.set(row.status, h);
  }
  return [...byStatus.values()];
}

/**
 * Job duration, created → finished, as a histogram from the jobs projection's `job_stats`
 * (projections/jobs/job-stats.ts): every finished job counts once fleet-wide, whichever process
 * ran it, and reading it costs the same whatever the history. The counts fall when a staff retry
 * reopens a job; rate() reads that as a reset.
 */
export class JobDurationMetric extends Histogram<'status' | 'le'> {
  private rows: readonly StatusHistogram[] = [];
  /** Registered nowhere: gives the metric's header (name, help, type) as prom-client shapes it. */
  private readonly header = new Histogram({ name: NAME, help: HELP, labelNames: ['status'], registers: [] });

  constructor(registry: Registry) {
    super({ name: NAME, help: HELP, labelNames: ['status'], buckets: [...JOB_DURATION_BUCKETS], registers: [registry] });
  }

  /** The stats as the scrape read them. */
  update(rows: readonly JobStatsRow[]): void {
    this.rows = histograms(rows);
  }

  override async get(): ReturnType<Histogram<'status' | 'le'>['get']> {
    const values = this.rows.flatMap((row) => [
      ...JOB_DURATION_BUCKETS.map((le, i) => ({ metricName: `${NAME}_bucket`, labels: { status: row.status, le }, value: row.buckets[i] })),
      { metricName: `${NAME}_bucket`, labels: { status: row.status, le: '+Inf' }, value: row.n },
      { metricName: `${NAME}_sum`, labels: { status: row.status }, value: row.seconds },
      { metricName: `${NAME}_count`, labels: { status: row.status }, value: row.n },
    ]);
    return { ...(await this.header.get()), values };
  }

  /** prom-client 15's registry renders a histogram from this, not from get(): both answer the rows read. */
  getForPromString(): ReturnType<Histogram<'status' | 'le'>['get']> {
    return this.get();
  }
}
