import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { sweepStaleWork } from '../workers/stale-work.sweeper';
import { DeadLetters } from './dead-letters.service';
import { openMessageQueue } from './open-message-queue';
import { MESSAGE_QUEUE, type MessageQueue } from './queue.port';

const logger = new Logger('Queue');

/**
 * The message queue for everyone in the process, and — with the `dispatcher` role — the
 * periodic duties around it: recording dead letters as events and recovering stale work.
 */
@Global()
@Module({
  providers: [
    { provide: MESSAGE_QUEUE, inject: [APP_CONFIG, Database], useFactory: openMessageQueue },
    { provide: DeadLetters, inject: [EVENT_STORE, MESSAGE_QUEUE], useFactory: (store: EventStore, queue: MessageQueue) => new DeadLetters(store, queue) },
  ],
  exports: [MESSAGE_QUEUE, DeadLetters],
})
export class QueueModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private runtime: ProcessingRuntime | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('dispatcher')) return;
    const runtime = (this.runtime = new ProcessingRuntime(this.database.pool, this.store));
    const { worker, queue } = this.config;
    const onError = (duty: string) => (error: unknown) => logger.error(`${duty}: ${(error as Error).message}`);
    runtime.periodic({ name: 'dead-letter-monitor', everyMs: queue.deadLetterScanMs, onError: onError('dead-letter scan') }, () => this.deadLetters.scan());
    runtime.periodic({ name: 'stale-work-sweeper', everyMs: worker.sweepIntervalMs, onError: onError('stale-work sweep') }, async () => {
      const result = await sweepStaleWork(this.database.pool, this.store, this.queue, worker);
      if (result.staleWorkers.length + result.requeuedJobs.length > 0) logger.warn(`stale work: ${JSON.stringify(result)}`);
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime?.stop();
  }

  /** After every module's beforeApplicationShutdown: workers have released their messages by now. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch((error: unknown) => logger.warn(`closing the queue: ${(error as Error).message}`));
  }
}
