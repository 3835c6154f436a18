import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProcessingModule } from '../processing/processing.module';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { DeadLetters } from '../queue/dead-letters.service';
import { dispatcherReaction } from '../submission-flow/dispatcher.reaction';
import { MESSAGE_QUEUE, type MessageQueue } from '../queue/queue.port';
import { sweepStaleWork } from '../workers/stale-work.sweeper';
import { reactorOptions } from './reactor-role.module';

const logger = new Logger('Queue');
const failed = (duty: string) => (error: unknown) => logger.error(`${duty}: ${(error as Error).message}`);

/**
 * The `dispatcher` role: the outbox (a reactor sending queue messages) and the periodic duties
 * around the queue — recording dead letters as events and recovering stale work.
 */
@Module({ imports: [ProcessingModule] })
export class DispatcherRoleModule implements OnApplicationBootstrap {
  constructor(
    @Inject(ProcessingRuntime) private readonly runtime: ProcessingRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  onApplicationBootstrap(): void {
    const { worker, queue } = this.config;
    this.runtime.reactor(dispatcherReaction(this.runtime.store, this.queue), reactorOptions(this.config));
    this.runtime.periodic({ name: 'dead-letter-monitor', everyMs: queue.deadLetterScanMs, onError: failed('dead-letter scan') }, () =>
      this.deadLetters.scan(),
    );
    this.runtime.periodic({ name: 'stale-work-sweeper', everyMs: worker.sweepIntervalMs, onError: failed('stale-work sweep') }, () =>
      this.sweep(),
    );
  }

  private async sweep(): Promise<void> {
    const result = await sweepStaleWork(this.runtime.pool, this.runtime.store, this.queue, this.config.worker);
    if (result.staleWorkers.length + result.requeuedJobs.length > 0) logger.warn(`stale work: ${JSON.stringify(result)}`);
  }
}
