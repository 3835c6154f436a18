import { Inject, Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { dispatcherReaction } from '../queue/dispatcher.reaction';
import { MESSAGE_QUEUE, type MessageQueue } from '../queue/queue.port';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { jobProgressReaction } from '../submissions/job-progress.reaction';
import { submissionSchedulerReaction } from '../submissions/submission-scheduler.reaction';
import type { Reaction } from './reaction';

const logger = new Logger('Reactions');

/** Runs the reactions of this process's roles: `reactor` (scheduling, job progress) and `dispatcher` (the outbox). */
@Module({})
export class ReactionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runtime: ProcessingRuntime | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
  ) {}

  onApplicationBootstrap(): void {
    const reactions: Reaction[] = [];
    if (this.config.roles.includes('reactor')) {
      reactions.push(submissionSchedulerReaction(this.store, this.config.idempotencyWindowDays), jobProgressReaction(this.database.pool, this.store));
    }
    if (this.config.roles.includes('dispatcher')) reactions.push(dispatcherReaction(this.store, this.queue));
    if (reactions.length === 0) return;
    const runtime = (this.runtime = new ProcessingRuntime(this.database.pool, this.store));
    const options = {
      batchSize: this.config.projectionBatchSize,
      standbyRetryMs: 5000,
      onError: (name: string, error: unknown) => logger.error(`${name}: ${(error as Error).message}`),
    };
    for (const reaction of reactions) runtime.reactor(reaction, options);
  }

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime?.stop();
  }
}
