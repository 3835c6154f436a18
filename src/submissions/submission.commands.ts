/** Commands of the submission aggregate: imperative, readonly, decided by `submissionDecider`. */
import type { Command } from '../shared/message';
import type { Priority } from '../jobs/job.events';
import type { EarlierSubmission, ErrorClass, ManualReason } from './submission.events';

export type ScheduleSubmission = Command<
  'ScheduleSubmission',
  {
    jobId: string;
    directoryId: string;
    idempotencyKey: string;
    priority: Priority;
  }
>;
export type StartAttempt = Command<'StartAttempt', { workerId: string }>;
export type RecordSuccess = Command<'RecordSuccess', { listingUrl: string | null; evidencePath: string | null }>;
export type RecordFailure = Command<
  'RecordFailure',
  {
    errorClass: ErrorClass;
    /** Raw text (may hold a stack trace); the decider sanitises it. */
    message: string;
    evidencePath: string | null;
    maxAttempts: number;
    /** Computed by the caller: backoff jitter is random and deciders are pure. */
    retryDelayMs: number;
  }
>;
export type RecordNeedsManual = Command<'RecordNeedsManual', { reason: ManualReason; evidencePath: string | null }>;
export type SkipDuplicate = Command<'SkipDuplicate', Record<string, never>>;
/** An earlier job's submission of the same listing was accepted inside the window: not sent again. */
export type SkipAlreadySubmitted = Command<'SkipAlreadySubmitted', { earlier: EarlierSubmission }>;
/** `requeueId`: the event id of the manual JobRequeued asking for it; each one reopens once. */
export type ReopenSubmission = Command<'ReopenSubmission', { requeueId: string }>;
/** The dead-letter monitor found its message among the dead letters. */
export type RecordDeadLetter = Command<'RecordDeadLetter', { messageId: string; reason: string }>;
export type RedriveSubmission = Command<'RedriveSubmission', { messageId: string }>;

export type SubmissionCommand =
  | ScheduleSubmission
  | StartAttempt
  | RecordSuccess
  | RecordFailure
  | RecordNeedsManual
  | SkipDuplicate
  | SkipAlreadySubmitted
  | ReopenSubmission
  | RecordDeadLetter
  | RedriveSubmission;
