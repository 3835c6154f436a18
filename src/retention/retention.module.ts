import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { describeRetentionReport } from './retention-pass';
import { RetentionService } from './retention.service';

const logger = new Logger('Retention');
/** The first scheduled pass waits at most this long after boot, so short-lived processes still run one. */
const FIRST_PASS_MAX_DELAY_MS = 60_000;

/** Retention passes on demand (CLI) and, in a process with the `projector` role, on a schedule. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private runtime: ProcessingRuntime | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RetentionService) private readonly retention: RetentionService,
    @Inject(Database) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.retention.intervalMinutes;
    if (minutes === 0 || !this.config.roles.includes('projector')) return;
    const everyMs = minutes * 60_000;
    this.runtime = new ProcessingRuntime(this.database.pool, this.store);
    this.runtime.periodic(
      { name: 'retention', everyMs, firstDelayMs: Math.min(everyMs, FIRST_PASS_MAX_DELAY_MS), onError: (error) => logger.error(`retention pass failed: ${(error as Error).message}`) },
      async () => logger.log(describeRetentionReport(await this.retention.run()).join('; ')),
    );
  }

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime?.stop();
  }
}
