import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProcessingModule } from '../processing/processing.module';
import { ProcessingRuntime } from '../processing/processing-runtime';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertsModule } from './alerts.module';

const logger = new Logger('Alerts');

/**
 * The evaluator on its schedule, under the lease `alerts`: one process at a time evaluates, and
 * its state is in the database, so a hand-over neither re-fires nor forgets. Part of the
 * dispatcher role (see role-table.ts), beside the dead-letter scan and the stale-work sweep.
 */
@Module({ imports: [ProcessingModule, AlertsModule] })
export class AlertsScheduleModule implements OnApplicationBootstrap {
  constructor(
    @Inject(ProcessingRuntime) private readonly runtime: ProcessingRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AlertEvaluator) private readonly evaluator: AlertEvaluator,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.alerts.intervalMs;
    if (everyMs === 0) return;
    this.runtime.periodic(
      { name: 'alerts', everyMs, onError: (error) => logger.error(`alert evaluation failed: ${(error as Error).message}`) },
      async () => void (await this.evaluator.tick()),
    );
  }
}
