import { Global, Inject, Logger, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { ProjectionHost, type LagProbe } from '../../projections/runtime/projection-host';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { PostgresEventStore } from '../event-store/postgres/postgres.event-store';
import { innermostStore } from '../observability/measured-event-store';
import { configuredRunnerOptions } from './runner-options';

const logger = new Logger('Projections');

function createHost(config: AppConfig, database: Database, store: EventStore): ProjectionHost {
  const adapter = innermostStore(store);
  const lagProbe: LagProbe = async (checkpoint, reader) =>
    adapter instanceof PostgresEventStore ? adapter.lagAfter(checkpoint, reader) : null;
  return new ProjectionHost(
    database.pool,
    store,
    ALL_PROJECTIONS,
    {
      ...configuredRunnerOptions(config),
      onError: (name, error) => logger.error(`${name}: ${(error as Error).message}`),
      onProgress: (name, events) => logger.debug?.(`${name}: rebuilt ${events} events`),
    },
    lagProbe,
  );
}

/**
 * Every process installs the read models (so reads never meet a missing table); only a process
 * with the `projector` role runs them (ProjectorRoleModule starts the host).
 */
@Global()
@Module({
  providers: [{ provide: ProjectionHost, inject: [APP_CONFIG, Database, EVENT_STORE], useFactory: createHost }],
  exports: [ProjectionHost],
})
export class ProjectionsModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ProjectionHost) private readonly host: ProjectionHost) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.host.install();
  }

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
  }
}
