import { Inject, Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdvisoryLeases } from '../database/advisory-leases';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { jobProgressReaction } from '../submissions/job-progress.reaction';
import { submissionSchedulerReaction } from '../submissions/submission-scheduler.reaction';
import { ReactionRunner } from './reaction-runner';

const logger = new Logger('Reactions');

/** Runs the reactions when this process has the `reactor` role. */
@Module({})
export class ReactionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runners: ReactionRunner[] = [];
  private leases: AdvisoryLeases | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('reactor')) return;
    const leases = (this.leases = new AdvisoryLeases(this.database.pool));
    const reactions = [
      submissionSchedulerReaction(this.store, this.config.idempotencyWindowDays),
      jobProgressReaction(this.database.pool, this.store),
    ];
    const options = {
      batchSize: this.config.projectionBatchSize,
      standbyRetryMs: 5000,
      onError: (name: string, error: unknown) => logger.error(`${name}: ${(error as Error).message}`),
    };
    for (const reaction of reactions) {
      const runner = new ReactionRunner(this.database.pool, this.store, leases, reaction, options);
      this.runners.push(runner);
      runner.start();
    }
  }

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
    await this.leases?.close();
  }
}
