import { Histogram, type Registry } from 'prom-client';
import type { Pool } from 'pg';

/** Seconds from JobCreated to the job's finish: a minute to a day. */
export const JOB_DURATION_BUCKETS = [60, 300, 900, 1800, 3600, 7200, 21600, 86400] as const;

const NAME = 'dbolt_job_duration_seconds';
const HELP = 'Jobs from created to finished (jobs read model), by final status.';

interface DurationRow {
  readonly status: string;
  readonly n: number;
  readonly total: number;
  readonly buckets: readonly number[];
}

// One pass over the finished jobs; the bucket bounds are constants of this file, never input.
const DURATION_SQL = `
  WITH finished AS (
    SELECT status, extract(epoch FROM finished_at - created_at)::float8 AS s FROM jobs WHERE finished_at IS NOT NULL
  )
  SELECT status, count(*)::int AS n, coalesce(sum(s), 0)::float8 AS total,
    ARRAY[${JOB_DURATION_BUCKETS.map((le) => `count(*) FILTER (WHERE s <= ${le})::int`).join(', ')}] AS buckets
  FROM finished GROUP BY status`;

/**
 * Job duration, created → finished, as a histogram computed from the jobs read model at each
 * scrape: every finished job counts once fleet-wide, whichever process ran it. The counts fall
 * when retention or a staff retry takes a job out of the finished ones; rate() reads that as a reset.
 */
export class JobDurationMetric extends Histogram<'status' | 'le'> {
  private rows: readonly DurationRow[] = [];
  /** Registered nowhere: gives the metric's header (name, help, type) as prom-client shapes it. */
  private readonly header = new Histogram({ name: NAME, help: HELP, labelNames: ['status'], registers: [] });

  constructor(registry: Registry) {
    super({ name: NAME, help: HELP, labelNames: ['status'], buckets: [...JOB_DURATION_BUCKETS], registers: [registry] });
  }

  /** Reads the read model; until the projector has made it, there is nothing to count. */
  async refresh(pool: Pool): Promise<void> {
    const { rows } = await pool.query<DurationRow>(DURATION_SQL).catch(() => ({ rows: [] }));
    this.rows = rows;
  }

  override async get(): ReturnType<Histogram<'status' | 'le'>['get']> {
    const values = this.rows.flatMap((row) => [
      ...JOB_DURATION_BUCKETS.map((le, i) => ({ metricName: `${NAME}_bucket`, labels: { status: row.status, le }, value: row.buckets[i] })),
      { metricName: `${NAME}_bucket`, labels: { status: row.status, le: '+Inf' }, value: row.n },
      { metricName: `${NAME}_sum`, labels: { status: row.status }, value: row.total },
      { metricName: `${NAME}_count`, labels: { status: row.status }, value: row.n },
    ]);
    return { ...(await this.header.get()), values };
  }

  /** prom-client 15's registry renders a histogram from this, not from get(): both answer the rows read. */
  getForPromString(): ReturnType<Histogram<'status' | 'le'>['get']> {
    return this.get();
  }
}
