import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProcessingRuntime } from './processing-runtime';

/** The process's processing runtime, for the role modules to start their processors on. */
@Global()
@Module({
  providers: [
    {
      provide: ProcessingRuntime,
      inject: [Database, EVENT_STORE],
      useFactory: (database: Database, store: EventStore) => new ProcessingRuntime(database.pool, store),
    },
  ],
  exports: [ProcessingRuntime],
})
export class ProcessingModule implements BeforeApplicationShutdown {
  constructor(@Inject(ProcessingRuntime) private readonly runtime: ProcessingRuntime) {}

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}
