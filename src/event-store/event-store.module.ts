import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { MeasuredEventStore } from '../observability/measured-event-store';
import { ProcessMetrics } from '../observability/process-metrics';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { createEventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
import { PostgresEventStore } from './postgres/postgres.event-store';

/** Measured where the app has metrics (the CLI has none). */
function createEventStore(config: AppConfig, database: Database, metrics?: ProcessMetrics): EventStore {
  const store = createAdapter(config, database);
  return metrics ? new MeasuredEventStore(store, metrics) : store;
}

function createAdapter(config: AppConfig, database: Database): EventStore {
  if (config.eventStore === 'eventstoredb') {
    return createEventStoreDbEventStore(config.eventStoreUrl!, { maxEventBytes: config.maxEventBytes });
  }
  return new PostgresEventStore(database.pool, {
    maxEventBytes: config.maxEventBytes,
    pollIntervalMs: config.subscriptionPollMs,
    // PGlite does not carry NOTIFY across connections; in-process wake-ups cover embedded mode.
    listen: database.mode === 'external',
  });
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, inject: [APP_CONFIG, Database, { token: ProcessMetrics, optional: true }], useFactory: createEventStore },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements BeforeApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
