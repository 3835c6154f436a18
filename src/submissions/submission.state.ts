import type { Priority } from '../jobs/job.events';
import { ignoreUnknownEvent } from '../shared/decider';
import {
  TERMINAL_SUBMISSION_STATUSES,
  type EarlierSubmission,
  type ErrorClass,
  type SkipReason,
  type SubmissionEvent,
  type SubmissionStatus,
} from './submission.events';

export interface SubmissionState {
  readonly exists: boolean;
  readonly jobId: string;
  readonly directoryId: string;
  readonly idempotencyKey: string;
  readonly priority: Priority | null;
  readonly status: SubmissionStatus;
  /** Number of attempts started so far. */
  readonly attempts: number;
  /** Attempts made before the last reopening: the retry budget counts from there. */
  readonly attemptsBeforeReopen: number;
  /** Event ids of the manual requeues that reopened this submission (each reopens it once). */
  readonly reopenedBy: readonly string[];
  /** The dead letter (message id) of the last redrive, until the next death: a repeated redrive changes nothing. */
  readonly redrivenMessageId: string | null;
  readonly lastError: { readonly errorClass: ErrorClass; readonly message: string } | null;
  readonly listingUrl: string | null;
  readonly evidencePath: string | null;
  /** Why it was skipped (null unless skipped). */
  readonly skipReason: SkipReason | null;
  /** The earlier accepted submission an 'already-submitted' skip points to. */
  readonly earlier: EarlierSubmission | null;
}

export function initialSubmissionState(): SubmissionState {
  return {
    exists: false,
    jobId: '',
    directoryId: '',
    idempotencyKey: '',
    priority: null,
    status: 'scheduled',
    attempts: 0,
    attemptsBeforeReopen: 0,
    reopenedBy: [],
    redrivenMessageId: null,
    lastError: null,
    listingUrl: null,
    evidencePath: null,
    skipReason: null,
    earlier: null,
  };
}

export function isTerminal(state: SubmissionState): boolean {
  return state.exists && TERMINAL_SUBMISSION_STATUSES.includes(state.status);
}

export function evolveSubmission(state: SubmissionState, event: SubmissionEvent): SubmissionState {
  switch (event.type) {
    case 'SubmissionScheduled': {
      const { jobId, directoryId, idempotencyKey, priority } = event.data;
      return { ...initialSubmissionState(), exists: true, jobId, directoryId, idempotencyKey, priority };
    }
    case 'SubmissionAttemptStarted':
      return { ...state, status: 'in_progress', attempts: event.data.attempt };
    case 'SubmissionSucceeded': {
      const { listingUrl, evidencePath } = event.data;
      return { ...state, status: 'succeeded', listingUrl, evidencePath };
    }
    case 'SubmissionFailed': {
      const { errorClass, message, evidencePath } = event.data;
      return { ...state, status: 'failed', lastError: { errorClass, message }, evidencePath };
    }
    case 'SubmissionRetryScheduled': {
      const { errorClass, message } = event.data;
      return { ...state, status: 'retry_scheduled', lastError: { errorClass, message } };
    }
    case 'SubmissionNeedsManual':
      return { ...state, status: 'needs_manual', evidencePath: event.data.evidencePath };
    case 'SubmissionSkipped':
      // Skips recorded before 'already-submitted' existed carry only 'duplicate' and no pointer.
      return { ...state, status: 'skipped', skipReason: event.data.reason ?? 'duplicate', earlier: event.data.earlier ?? null };
    case 'SubmissionReopened': {
      const { attemptsBefore, requeueId } = event.data;
      return { ...state, status: 'scheduled', attemptsBeforeReopen: attemptsBefore, reopenedBy: [...state.reopenedBy, requeueId] };
    }
    case 'SubmissionDeadLettered':
      return { ...state, status: 'dead_lettered', redrivenMessageId: null };
    case 'SubmissionRedriven':
      return { ...state, status: 'scheduled', redrivenMessageId: event.data.messageId };
    default:
      return ignoreUnknownEvent(event, state);
  }
}
