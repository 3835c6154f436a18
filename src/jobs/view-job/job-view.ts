import { decodeEvents } from '../../event-store/event-decoding';
import type { RecordedEvent } from '../../event-store/event-store.port';
import { fold } from '../../shared/decider';
import { jobDecider } from '../job.decider';
import { JOB_EVENT_TYPES, type JobEvent, type JobStatus, type OutcomeCounts, type PackageTier, type Priority } from '../job.events';
import { reopenedReason, requeuedReason } from '../status-reason';

/** A job as its own stream says it is: never stale, with its exact version. */
export interface JobDetails {
  readonly jobId: string;
  readonly customerId: string;
  readonly businessName: string;
  readonly packageTier: PackageTier | null;
  readonly priority: Priority | null;
  readonly status: JobStatus;
  /** Why the job is in its status, when an event said so (override, cancel, failure, requeue). */
  readonly statusReason: string | null;
  readonly directoryIds: readonly string[];
  readonly deadLettered: readonly string[];
  readonly counts: OutcomeCounts | null;
  /** Submitted even where an earlier job's submission of the same listing was accepted inside the window. */
  readonly force: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Folds a job stream (non-empty, from version 1) into its details. */
export function toJobDetails(recorded: readonly RecordedEvent[]): JobDetails {
  const events = decodeEvents<JobEvent>(JOB_EVENT_TYPES, recorded);
  const state = fold(jobDecider, events);
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  const created = events.find((event) => event.type === 'JobCreated');
  return {
    jobId: state.jobId,
    customerId: state.customerId,
    businessName: created?.type === 'JobCreated' ? created.data.business.businessName : '',
    packageTier: state.packageTier,
    priority: state.priority,
    status: state.status,
    statusReason: events.reduce<string | null>(reasonAfter, null),
    directoryIds: state.directoryIds,
    deadLettered: state.deadLettered,
    counts: state.counts,
    force: state.force,
    createdAt: first.metadata.timestamp,
    updatedAt: last.metadata.timestamp,
    version: last.streamVersion,
  };
}

/** Mirrors the jobs projection's status_reason, so both views explain a status alike. */
function reasonAfter(reason: string | null, event: JobEvent): string | null {
  switch (event.type) {
    case 'JobRequeued':
      return requeuedReason(event.data);
    case 'JobReopened':
      return reopenedReason(event.data);
    case 'JobCompleted':
      return null;
    case 'JobFailed':
      return event.data.reason;
    case 'JobCancelled':
      return event.data.reason;
    case 'JobStatusOverridden':
      return `override by ${event.data.staffId}: ${event.data.reason}`;
    default:
      return reason;
  }
}
