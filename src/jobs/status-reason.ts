import type { JobRequeued } from './job.events';

/** The status reason after a requeue, shared by the jobs projection and the job view. */
export function requeuedReason({ reason, note }: JobRequeued['data']): string {
  return note ? `requeued: ${reason}: ${note}` : `requeued: ${reason}`;
}
