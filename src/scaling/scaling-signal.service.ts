import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import type { SqlReader } from '../database/read-batch';
import { FleetRepository } from '../fleet/fleet.repository';
import { MESSAGE_QUEUE, PRIORITIES, type MessageQueue, type QueueDepth } from '../queue/queue.port';
import { desiredWorkers, type ScalingDecision } from './scaling-policy';

/**
 * Submissions finished in the last five minutes. A row's updated_at is at or after its
 * finished_at, so the recent ones are a range of job_results' updated_at index (projection
 * version 3): the read grows with the last five minutes' work, not with the history kept.
 */
const FINISHED_LAST_5_MIN_SQL = `
  SELECT count(*)::int AS n FROM job_results
  WHERE updated_at > now() - interval '5 minutes' AND finished_at > now() - interval '5 minutes'`;

/** Reads what the scaling policy needs — queue depth, live workers, recent throughput — and applies it. */
@Injectable()
export class ScalingSignal {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(FleetRepository) private readonly fleet: FleetRepository,
  ) {}

  /**
   * `depth`: one the caller has already read (a metrics scrape reads it once for every gauge);
   * `reader`: a batch the caller reads other things through too.
   */
  async decide(depth?: Promise<QueueDepth>, reader: SqlReader = this.database.pool): Promise<ScalingDecision> {
    const [tiers, counts, finished] = await Promise.all([
      depth ?? this.queue.depth(),
      this.fleet.counts(this.config.worker.staleAfterMs, reader),
      this.finishedLast5Min(reader),
    ]);
    const queued = PRIORITIES.reduce((sum, tier) => sum + tiers.tiers[tier].visible + tiers.tiers[tier].delayed, 0);
    return desiredWorkers({ queued, liveWorkers: counts.live, finishedLast5Min: finished }, this.config.scaling);
  }

  private async finishedLast5Min(reader: SqlReader): Promise<number> {
    // Before the projector's first run the read model does not exist yet: nothing has finished.
    const { rows } = await reader.query<{ n: number }>(FINISHED_LAST_5_MIN_SQL).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return { rows: [{ n: 0 }] };
      throw error;
    });
    return rows[0].n;
  }
}
