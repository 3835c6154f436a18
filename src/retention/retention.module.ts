import { Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { describeRetentionReport } from './retention-pass';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

const logger = new Logger('Retention');
/** The first scheduled pass waits at most this long after boot, so short-lived processes still run one. */
const FIRST_PASS_MAX_DELAY_MS = 60_000;

/** Retention passes on demand (CLI) and, in a process with the `projector` role, on a schedule. */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private scheduler: RetentionScheduler | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RetentionService) private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.retention.intervalMinutes;
    if (minutes === 0 || !this.config.roles.includes('projector')) return;
    const intervalMs = minutes * 60_000;
    this.scheduler = new RetentionScheduler(
      async () => logger.log(describeRetentionReport(await this.retention.run()).join('; ')),
      (error) => logger.error(`retention pass failed: ${(error as Error).message}`),
    );
    this.scheduler.start(intervalMs, Math.min(intervalMs, FIRST_PASS_MAX_DELAY_MS));
  }

  /** Before the database closes (DatabaseModule closes it in onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.scheduler?.stop();
  }
}
