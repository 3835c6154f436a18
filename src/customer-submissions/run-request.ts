import type { Actor } from '../event-store/event-store.port';

export type RunRequestStatus = 'pending' | 'approved' | 'rejected';
export const RUN_REQUEST_STATUSES: readonly RunRequestStatus[] = ['pending', 'approved', 'rejected'];

/** A customer's request for a new run of its package, and staff's decision on it. */
export interface RunRequest {
  readonly id: string;
  readonly customerId: string;
  readonly status: RunRequestStatus;
  readonly requestedBy: Actor;
  readonly requestedAt: string;
  readonly decidedBy: Actor | null;
  readonly decidedAt: string | null;
  /** Why staff rejected it. */
  readonly reason: string | null;
  /** The job an approval created. */
  readonly jobId: string | null;
}
