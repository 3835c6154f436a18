import type { Event, EventTypes } from '../shared/message';

/** Events of stream `submission-<jobId>-<directoryId>`: one directory of one job. */
export type ErrorClass = 'transient' | 'permanent';
export type ManualReason = 'captcha' | 'login' | 'verification';
export type SubmissionStatus =
  'scheduled' | 'in_progress' | 'retry_scheduled' | 'succeeded' | 'failed' | 'needs_manual' | 'skipped' | 'dead_lettered';

type Ids = { jobId: string; directoryId: string };

export type SubmissionScheduled = Event<'SubmissionScheduled', Ids & { idempotencyKey: string; priority: 'P1' | 'P2' | 'P3' }>;
export type SubmissionAttemptStarted = Event<'SubmissionAttemptStarted', Ids & { workerId: string; attempt: number }>;
export type SubmissionSucceeded = Event<
  'SubmissionSucceeded',
  Ids & {
    attempt: number;
    listingUrl: string | null;
    evidencePath: string | null;
  }
>;
export type SubmissionFailed = Event<
  'SubmissionFailed',
  Ids & {
    attempt: number;
    errorClass: ErrorClass;
    /** Sanitised: no stack trace, bounded length. */
    message: string;
    evidencePath: string | null;
  }
>;
export type SubmissionRetryScheduled = Event<
  'SubmissionRetryScheduled',
  Ids & {
    /** The attempt that will run next. */
    attempt: number;
    delayMs: number;
    errorClass: ErrorClass;
    message: string;
  }
>;
export type SubmissionNeedsManual = Event<
  'SubmissionNeedsManual',
  Ids & {
    attempt: number;
    reason: ManualReason;
    evidencePath: string | null;
  }
>;
/**
 * Where an earlier job's submission of the same listing to the same directory was accepted: the
 * reason a later one was not sent. Evidence is that job's screenshot.
 */
export interface EarlierSubmission {
  readonly jobId: string;
  readonly directoryId: string;
  readonly acceptedAt: string;
  readonly listingUrl: string | null;
  readonly evidencePath: string | null;
}
/** 'duplicate': the site said it is already listed. 'already-submitted': we sent it in an earlier job inside the window (`earlier`). */
export type SkipReason = 'duplicate' | 'already-submitted';
export type SubmissionSkipped = Event<'SubmissionSkipped', Ids & { reason: SkipReason; earlier?: EarlierSubmission }>;
/** Staff retried a failed or parked submission (a manual JobRequeued, whose event id is `requeueId`). */
export type SubmissionReopened = Event<
  'SubmissionReopened',
  Ids & {
    from: 'failed' | 'needs_manual';
    requeueId: string;
    /** Attempts made before the reopening: the retry budget counts from here. */
    attemptsBefore: number;
  }
>;
/**
 * Its message was dead-lettered (received too often without an outcome: it kills workers). It
 * stays so, and nothing resends it, until staff redrive it.
 */
export type SubmissionDeadLettered = Event<'SubmissionDeadLettered', Ids & { messageId: string; reason: string }>;
/** Staff redrove the dead letter: the submission is open again and gets a fresh message. */
export type SubmissionRedriven = Event<'SubmissionRedriven', Ids & { messageId: string }>;

export type SubmissionEvent =
  | SubmissionScheduled
  | SubmissionAttemptStarted
  | SubmissionSucceeded
  | SubmissionFailed
  | SubmissionRetryScheduled
  | SubmissionNeedsManual
  | SubmissionSkipped
  | SubmissionReopened
  | SubmissionDeadLettered
  | SubmissionRedriven;

export const SUBMISSION_EVENT_TYPES: EventTypes<SubmissionEvent> = [
  'SubmissionScheduled',
  'SubmissionAttemptStarted',
  'SubmissionSucceeded',
  'SubmissionFailed',
  'SubmissionRetryScheduled',
  'SubmissionNeedsManual',
  'SubmissionSkipped',
  'SubmissionReopened',
  'SubmissionDeadLettered',
  'SubmissionRedriven',
];

const STATUS_SET: Readonly<Record<SubmissionStatus, true>> = {
  scheduled: true,
  in_progress: true,
  retry_scheduled: true,
  succeeded: true,
  failed: true,
  needs_manual: true,
  skipped: true,
  dead_lettered: true,
};
/** Every status, kept complete by the type above (e.g. for validating a status filter). */
export const SUBMISSION_STATUSES = Object.keys(STATUS_SET) as SubmissionStatus[];

/**
 * A submission in one of these states is settled: job progress counts it, workers skip it and
 * nothing resends it. All but a dead letter are done for good (or until a staff retry); a dead
 * letter waits for a redrive.
 */
export const TERMINAL_SUBMISSION_STATUSES: readonly SubmissionStatus[] = [
  'succeeded',
  'failed',
  'needs_manual',
  'skipped',
  'dead_lettered',
];

/** What staff may retry (a duplicate or a success is done for good). */
export const REOPENABLE_SUBMISSION_STATUSES = ['failed', 'needs_manual'] as const;

export const submissionStreamId = (jobId: string, directoryId: string): string => `submission-${jobId}-${directoryId}`;
