import type { JobReopened, JobRequeued } from './job.events';

/** The status reason after a requeue, shared by the jobs projection and the job view. */
export function requeuedReason({ reason, note }: JobRequeued['data']): string {
  return note ? `requeued: ${reason}: ${note}` : `requeued: ${reason}`;
}

/** The status reason after a finished job was reopened by one of its submissions. */
export function reopenedReason({ directoryId, reason }: JobReopened['data']): string {
  return `reopened: ${directoryId} (${reason})`;
}
