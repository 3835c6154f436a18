import { ignoreUnknownEvent } from '../shared/decider';
import type { JobEvent, JobStatus, OutcomeCounts, PackageTier, Priority } from './job.events';

export interface JobState {
  readonly exists: boolean;
  readonly jobId: string;
  readonly customerId: string;
  readonly packageTier: PackageTier | null;
  readonly priority: Priority | null;
  readonly status: JobStatus;
  readonly directoryIds: readonly string[];
  /** From job-level dead-letter events of earlier versions; dead letters are now a submission state. */
  readonly deadLettered: readonly string[];
  readonly counts: OutcomeCounts | null;
  readonly lastFailureReason: string | null;
  /** Staff forced it past duplicate suppression across jobs. */
  readonly force: boolean;
}

export function initialJobState(): JobState {
  return {
    exists: false,
    jobId: '',
    customerId: '',
    packageTier: null,
    priority: null,
    status: 'pending',
    directoryIds: [],
    deadLettered: [],
    counts: null,
    lastFailureReason: null,
    force: false,
  };
}

export function evolveJob(state: JobState, event: JobEvent): JobState {
  switch (event.type) {
    case 'JobCreated': {
      const { jobId, customerId, packageTier, priority, directoryIds } = event.data;
      return {
        ...initialJobState(),
        exists: true,
        jobId,
        customerId,
        packageTier,
        priority,
        directoryIds,
        force: event.data.force === true,
      };
    }
    case 'JobQueued':
      return { ...state, status: 'queued', priority: event.data.priority };
    case 'JobStarted':
      return { ...state, status: 'in_progress' };
    case 'JobRequeued':
      return { ...state, status: 'queued' };
    case 'JobCompleted':
      return { ...state, status: 'complete', counts: event.data.counts };
    case 'JobFailed':
      return { ...state, status: 'failed', counts: event.data.counts, lastFailureReason: event.data.reason };
    case 'JobDeadLettered':
      return { ...state, deadLettered: addOnce(state.deadLettered, event.data.directoryId) };
    case 'JobRedriven': {
      const redriven = new Set(event.data.directoryIds);
      return { ...state, status: 'queued', deadLettered: state.deadLettered.filter((id) => !redriven.has(id)) };
    }
    case 'JobReopened':
      return { ...state, status: 'in_progress' };
    case 'JobCancelled':
      return { ...state, status: 'cancelled' };
    case 'JobStatusOverridden':
      return { ...state, status: event.data.to };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function addOnce(ids: readonly string[], id: string): readonly string[] {
  return ids.includes(id) ? ids : [...ids, id];
}
