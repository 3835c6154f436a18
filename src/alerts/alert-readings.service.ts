import { Inject, Injectable } from '@nestjs/common';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { MESSAGE_QUEUE, PRIORITIES, type MessageQueue, type Priority } from '../queue/queue.port';
import type { AlertReadings, ProjectionReading, WorkerReading } from './alert-readings';

// Ages against the evaluator's clock ($1), not the database's: a test moves it, and the firing
// time recorded is the same instant the rules judged.
const WORKERS_SQL = `
  SELECT worker_id AS "workerId",
         greatest(0, extract(epoch FROM $1::timestamptz - last_heartbeat) * 1000)::float8 AS "silentMs",
         coalesce(breaker->>'state' = 'open', false) AS "breakerOpen"
  FROM worker_heartbeats WHERE status <> 'stopped'`;

// job_results keeps a submission's latest state; a retry scheduled counts as a failed attempt.
const ATTEMPTS_SQL = `
  SELECT count(*) FILTER (WHERE status IN ('failed', 'retry_scheduled', 'dead_lettered'))::int AS failed,
         count(*)::int AS total
  FROM job_results
  WHERE status IN ('succeeded', 'failed', 'retry_scheduled', 'dead_lettered')
    AND updated_at > $1::timestamptz - make_interval(secs => $2 / 1000.0) AND updated_at <= $1::timestamptz`;

/** Reads every source the alert rules look at; one that fails is left unknown (null), the rest still count. */
@Injectable()
export class AlertReadingsReader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
  ) {}

  async read(at: Date): Promise<{ readings: AlertReadings; failures: string[] }> {
    const failures: string[] = [];
    const settle = <T>(source: string, read: Promise<T>): Promise<T | null> =>
      read.catch((error: unknown) => {
        failures.push(`${source}: ${(error as Error).message}`);
        return null;
      });
    const depth = settle('queue', this.queue.depth());
    const [queue, workers, attempts, projections] = await Promise.all([
      depth,
      settle('workers', this.workers(at)),
      settle('job_results', this.attempts(at)),
      settle('projections', this.projections()),
    ]);
    const queueDepth = queue
      ? (Object.fromEntries(PRIORITIES.map((tier) => [tier, queue.tiers[tier].visible + queue.tiers[tier].delayed])) as Record<
          Priority,
          number
        >)
      : null;
    return { readings: { deadLetters: queue?.deadLetters ?? null, queueDepth, workers, attempts, projections }, failures };
  }

  private async workers(at: Date): Promise<WorkerReading[]> {
    return (await this.database.pool.query<WorkerReading>(WORKERS_SQL, [at])).rows;
  }

  private async attempts(at: Date): Promise<{ failed: number; total: number }> {
    const { rows } = await this.database.pool
      .query<{ failed: number; total: number }>(ATTEMPTS_SQL, [at, this.config.alerts.thresholds.errorRateWindowMs])
      .catch((error: unknown) => {
        // Before the projector's first run the read model does not exist: nothing has finished.
        if ((error as { code?: string }).code === '42P01') return { rows: [{ failed: 0, total: 0 }] };
        throw error;
      });
    return rows[0];
  }

  private async projections(): Promise<ProjectionReading[]> {
    const statuses = await this.host.status();
    return statuses.flatMap(({ name, lag }) => (lag ? [{ name, lagEvents: lag.events, lagSeconds: lag.seconds }] : []));
  }
}
