import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProcessingModule } from '../processing/processing.module';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { describeRetentionReport } from '../retention/retention-pass';
import { RetentionModule } from '../retention/retention.module';
import { RetentionService } from '../retention/retention.service';

const logger = new Logger('Retention');
/** The first scheduled pass waits at most this long after boot, so short-lived processes still run one. */
const FIRST_PASS_MAX_DELAY_MS = 60_000;

/**
 * The `projector` role: a projector per projection (on the host every process has, which the
 * admin API reports on) and the retention pass on its schedule.
 */
@Module({ imports: [ProcessingModule, RetentionModule] })
export class ProjectorRoleModule implements OnApplicationBootstrap {
  constructor(
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(ProcessingRuntime) private readonly runtime: ProcessingRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RetentionService) private readonly retention: RetentionService,
  ) {}

  /** After ProjectionsModule (global, so bootstrapped first) installed the read models. */
  onApplicationBootstrap(): void {
    this.host.start();
    const minutes = this.config.retention.intervalMinutes;
    if (minutes === 0) return;
    const everyMs = minutes * 60_000;
    this.runtime.periodic(
      {
        name: 'retention',
        everyMs,
        firstDelayMs: Math.min(everyMs, FIRST_PASS_MAX_DELAY_MS),
        onError: (error) => logger.error(`retention pass failed: ${(error as Error).message}`),
      },
      async () => logger.log(describeRetentionReport(await this.retention.run()).join('; ')),
    );
  }
}
