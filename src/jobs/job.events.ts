import type { Event, EventTypes } from '../shared/message';

/** Events of stream `job-<jobId>`: the lifecycle of one customer job. Past tense, readonly. */
export type PackageTier = 'enterprise' | 'pro' | 'growth' | 'starter';
export type Priority = 'P1' | 'P2' | 'P3';
export type RequeueReason = 'stale' | 'manual' | 'redrive';
export type ReopenReason = 'manual' | 'redrive';
/** What the jobs read model shows; the seed's four plus the lifecycle extras. */
export type JobStatus = 'pending' | 'queued' | 'in_progress' | 'complete' | 'failed' | 'cancelled';

export interface BusinessSnapshot {
  readonly businessName: string;
  readonly email: string;
  readonly phone: string;
  readonly website: string;
  readonly address: string;
  /** Apartment, suite, floor…: only ever put into a form's second address line. */
  readonly address2?: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly country: string;
  readonly category: string;
  readonly description: string;
  readonly contactName?: string;
}

export interface OutcomeCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly needsManual: number;
  readonly skipped: number;
  /** Submissions left as dead letters; absent from counts recorded before dead letters were counted. */
  readonly deadLettered?: number;
}

export type JobCreated = Event<
  'JobCreated',
  {
    jobId: string;
    customerId: string;
    packageTier: PackageTier;
    priority: Priority;
    directoryIds: readonly string[];
    business: BusinessSnapshot;
    /**
     * Staff chose to submit even where an earlier job's submission of the same listing was accepted
     * inside the idempotency window. Absent (false) on jobs created before it existed.
     */
    force?: boolean;
  }
>;
export type JobQueued = Event<'JobQueued', { jobId: string; priority: Priority; directoryIds: readonly string[] }>;
export type JobStarted = Event<'JobStarted', { jobId: string; workerId: string }>;
export type JobRequeued = Event<
  'JobRequeued',
  {
    jobId: string;
    reason: RequeueReason;
    directoryIds: readonly string[];
    /** Why staff retried (manual requeues only). */
    note?: string;
  }
>;
export type JobCompleted = Event<'JobCompleted', { jobId: string; counts: OutcomeCounts }>;
export type JobFailed = Event<'JobFailed', { jobId: string; reason: string; counts: OutcomeCounts }>;
/**
 * Job-level dead-letter records of earlier versions; a dead letter is now a state of its
 * submission (SubmissionDeadLettered, SubmissionRedriven). Kept so old histories fold and project.
 */
export type JobDeadLettered = Event<'JobDeadLettered', { jobId: string; directoryId: string; reason: string }>;
export type JobRedriven = Event<'JobRedriven', { jobId: string; directoryIds: readonly string[] }>;
/**
 * A submission of a finished job became open again (a staff retry or a redrive that the job's
 * finish overtook): the job is in progress until it finishes again.
 */
export type JobReopened = Event<'JobReopened', { jobId: string; directoryId: string; reason: ReopenReason }>;
export type JobCancelled = Event<'JobCancelled', { jobId: string; reason: string }>;
export type JobStatusOverridden = Event<
  'JobStatusOverridden',
  {
    jobId: string;
    from: JobStatus;
    to: JobStatus;
    reason: string;
    staffId: string;
  }
>;

export type JobEvent =
  | JobCreated
  | JobQueued
  | JobStarted
  | JobRequeued
  | JobCompleted
  | JobFailed
  | JobDeadLettered
  | JobRedriven
  | JobReopened
  | JobCancelled
  | JobStatusOverridden;

export const JOB_EVENT_TYPES: EventTypes<JobEvent> = [
  'JobCreated',
  'JobQueued',
  'JobStarted',
  'JobRequeued',
  'JobCompleted',
  'JobFailed',
  'JobDeadLettered',
  'JobRedriven',
  'JobReopened',
  'JobCancelled',
  'JobStatusOverridden',
];

export const PRIORITY_BY_TIER: Readonly<Record<PackageTier, Priority>> = {
  enterprise: 'P1',
  pro: 'P1',
  growth: 'P2',
  starter: 'P3',
};

export const jobStreamId = (jobId: string): string => `job-${jobId}`;
