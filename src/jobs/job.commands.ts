/** Commands of the job aggregate: imperative, readonly, decided by `jobDecider`. */
import type { Command } from '../shared/message';
import type { BusinessSnapshot, JobStatus, OutcomeCounts, PackageTier, ReopenReason, RequeueReason } from './job.events';

export type CreateJob = Command<
  'CreateJob',
  {
    jobId: string;
    customerId: string;
    packageTier: PackageTier;
    directoryIds: readonly string[];
    business: BusinessSnapshot;
    force?: boolean;
  }
>;
export type StartJob = Command<'StartJob', { workerId: string }>;
export type RequeueJob = Command<'RequeueJob', { reason: RequeueReason; directoryIds: readonly string[]; note?: string }>;
export type CompleteJob = Command<'CompleteJob', { counts: OutcomeCounts }>;
export type FailJob = Command<'FailJob', { reason: string; counts: OutcomeCounts }>;
export type ReopenJob = Command<'ReopenJob', { directoryId: string; reason: ReopenReason }>;
export type CancelJob = Command<'CancelJob', { reason: string }>;
export type OverrideJobStatus = Command<'OverrideJobStatus', { to: JobStatus; reason: string; staffId: string }>;

export type JobCommand = CreateJob | StartJob | RequeueJob | CompleteJob | FailJob | ReopenJob | CancelJob | OverrideJobStatus;

export const MAX_DIRECTORIES_PER_JOB = 500;
