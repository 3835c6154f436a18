import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { DeadLetters } from './dead-letters.service';
import { openMessageQueue } from './open-message-queue';
import { MESSAGE_QUEUE, type MessageQueue } from './queue.port';

const logger = new Logger('Queue');

/**
 * The message queue for everyone in the process. The periodic duties around it (recording dead
 * letters as events, recovering stale work) run with the `dispatcher` role (DispatcherRoleModule).
 */
@Global()
@Module({
  providers: [
    { provide: MESSAGE_QUEUE, inject: [APP_CONFIG, Database], useFactory: openMessageQueue },
    {
      provide: DeadLetters,
      inject: [EVENT_STORE, MESSAGE_QUEUE],
      useFactory: (store: EventStore, queue: MessageQueue) => new DeadLetters(store, queue),
    },
  ],
  exports: [MESSAGE_QUEUE, DeadLetters],
})
export class QueueModule implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue) {}

  /** After every module's beforeApplicationShutdown: workers have released their messages by now. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch((error: unknown) => logger.warn(`closing the queue: ${(error as Error).message}`));
  }
}
