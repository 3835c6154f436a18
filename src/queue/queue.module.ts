import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdvisoryLeases } from '../database/advisory-leases';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { LeasedInterval } from '../shared/leased-interval';
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
  private readonly duties: LeasedInterval[] = [];
  private leases: AdvisoryLeases | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.roles.includes('dispatcher')) return;
    const leases = (this.leases = new AdvisoryLeases(this.database.pool));
    const { worker, queue } = this.config;
    const onError = (duty: string) => (error: unknown) => logger.error(`${duty}: ${(error as Error).message}`);
    this.duties.push(
      new LeasedInterval(leases, 'dead-letter-monitor', queue.deadLetterScanMs, () => this.deadLetters.scan(), onError('dead-letter scan')),
      new LeasedInterval(leases, 'stale-work-sweeper', worker.sweepIntervalMs, async () => {
        const result = await sweepStaleWork(this.database.pool, this.store, this.queue, worker);
        if (result.staleWorkers.length + result.requeuedJobs.length > 0) logger.warn(`stale work: ${JSON.stringify(result)}`);
      }, onError('stale-work sweep')),
    );
    for (const duty of this.duties) duty.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.duties.map((duty) => duty.stop()));
    await this.leases?.close();
  }

  /** After every module's beforeApplicationShutdown: workers have released their messages by now. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch((error: unknown) => logger.warn(`closing the queue: ${(error as Error).message}`));
  }
}
