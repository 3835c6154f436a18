import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { inContextOf } from '../observability/logging/log-context';
import { ProcessingModule } from '../processing/processing.module';
import { ProcessingRuntime } from '../processing/processing-runtime';
import type { ReactorOptions } from '../processing/reactor';
import { jobProgressReaction } from '../submission-flow/job-progress.reaction';
import { submissionSchedulerReaction } from '../submission-flow/submission-scheduler.reaction';

const logger = new Logger('Reactions');

/** The same for every reaction of the process. */
export function reactorOptions(config: AppConfig): ReactorOptions {
  return {
    batchSize: config.projectionBatchSize,
    standbyRetryMs: 5000,
    onError: (name, error) => inContextOf(error, () => logger.error(`${name}: ${(error as Error).message}`)),
  };
}

/** The `reactor` role: submission scheduling and job progress, a reactor each. */
@Module({ imports: [ProcessingModule] })
export class ReactorRoleModule implements OnApplicationBootstrap {
  constructor(
    @Inject(ProcessingRuntime) private readonly runtime: ProcessingRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { runtime, config } = this;
    const options = reactorOptions(config);
    runtime.reactor(submissionSchedulerReaction(runtime.store, config.idempotencyWindowDays), options);
    runtime.reactor(jobProgressReaction(runtime.pool, runtime.store), options);
  }
}
