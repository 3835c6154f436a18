import type { EnvReader } from './env-reader';

/** The autoscaling signal's bounds and its hysteresis band (queued submissions per live worker). */
export interface ScalingConfig {
  readonly minWorkers: number;
  readonly maxWorkers: number;
  /** More queued per live worker than this: one worker more, or as many as keep each at this. */
  readonly scaleUpAbove: number;
  /** Fewer queued per live worker than this: one worker less. Between the two, the count holds. */
  readonly scaleDownBelow: number;
}

export function readScalingConfig(read: EnvReader, problems: string[]): ScalingConfig {
  const scaling: ScalingConfig = {
    minWorkers: read.int('SCALING_MIN_WORKERS', 1, 0, 1000),
    maxWorkers: read.int('SCALING_MAX_WORKERS', 10, 1, 1000),
    scaleUpAbove: read.int('SCALING_UP_ABOVE', 50, 1, 1_000_000),
    scaleDownBelow: read.int('SCALING_DOWN_BELOW', 10, 0, 1_000_000),
  };
  if (scaling.maxWorkers < scaling.minWorkers) problems.push('SCALING_MAX_WORKERS must not be less than SCALING_MIN_WORKERS');
  if (scaling.scaleDownBelow >= scaling.scaleUpAbove) problems.push('SCALING_DOWN_BELOW must be less than SCALING_UP_ABOVE');
  return scaling;
}
