import { DEFAULT_RUNNER_OPTIONS } from '../../projections/runtime/projection-host';
import type { ProjectorOptions } from '../../projections/runtime/projection-leader';
import type { AppConfig } from '../config/app-config';

export type RunnerOptions = Omit<ProjectorOptions, 'onError'>;

/** The projection runner with this app's configured batch sizes: the host and every rebuild start here. */
export function configuredRunnerOptions(config: AppConfig): RunnerOptions {
  return { ...DEFAULT_RUNNER_OPTIONS, batchSize: config.projectionBatchSize, rebuildBatchSize: config.projectionRebuildBatchSize };
}

/** A rebuild that a command waits on (CLI, log copy) polls its state more often, to see the swap soon. */
export function awaitedRebuildOptions(config: AppConfig): RunnerOptions {
  return { ...configuredRunnerOptions(config), statePollMs: 250 };
}
