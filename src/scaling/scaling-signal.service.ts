import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { FleetRepository } from '../fleet/fleet.repository';
import { MESSAGE_QUEUE, PRIORITIES, type MessageQueue, type QueueDepth } from '../queue/queue.port';
import { desiredWorkers, type ScalingDecision } from './scaling-policy';

/**
 * Submissions finished in the last five minutes. job_results has no index on finished_at, and a
 * scan of it grows with every submission kept (500,000 rows: the slowest part of a scrape by far).
 * A job's submissions finish before it does (a reopened, requeued or redriven job has no
 * finished_at again), so only jobs still open or finished within the window are looked at, each
 * through job_results' (job_id, directory_id) index; the lateral join keeps the planner from
 * scanning job_results instead. A submission that ends after its job was cancelled is left out:
 * a heuristic's rounding.
 */
const FINISHED_LAST_5_MIN_SQL = `
  SELECT coalesce(sum(recent.n), 0)::int AS n
  FROM jobs j
  CROSS JOIN LATERAL (
    SELECT count(*) AS n FROM job_results r WHERE r.job_id = j.id AND r.finished_at > now() - interval '5 minutes'
  ) recent
  WHERE j.finished_at IS NULL OR j.finished_at > now() - interval '5 minutes'`;

/** Reads what the scaling policy needs — queue depth, live workers, recent throughput — and applies it. */
@Injectable()
export class ScalingSignal {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(FleetRepository) private readonly fleet: FleetRepository,
  ) {}

  /** `depth`: one the caller has already read (a metrics scrape reads it once for every gauge). */
  async decide(depth?: Promise<QueueDepth>): Promise<ScalingDecision> {
    const [tiers, counts, finished] = await Promise.all([
      depth ?? this.queue.depth(),
      this.fleet.counts(this.config.worker.staleAfterMs),
      this.finishedLast5Min(),
    ]);
    const queued = PRIORITIES.reduce((sum, tier) => sum + tiers.tiers[tier].visible + tiers.tiers[tier].delayed, 0);
    return desiredWorkers({ queued, liveWorkers: counts.live, finishedLast5Min: finished }, this.config.scaling);
  }

  private async finishedLast5Min(): Promise<number> {
    // Before the projector's first run the read model does not exist yet: nothing has finished.
    const { rows } = await this.database.pool.query<{ n: number }>(FINISHED_LAST_5_MIN_SQL).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return { rows: [{ n: 0 }] };
      throw error;
    });
    return rows[0].n;
  }
}
