/** Event histories for the submission decider's tests. */
import type { SubmissionEvent, SubmissionStatus } from '../../src/submissions/submission.events';

export const ids = { jobId: '123', directoryId: 'd1' } as const;

export const scheduled: SubmissionEvent = {
  type: 'SubmissionScheduled',
  data: { ...ids, idempotencyKey: 'key-1', priority: 'P2' },
};
export const attemptStarted = (attempt: number, workerId = 'w1'): SubmissionEvent => ({
  type: 'SubmissionAttemptStarted',
  data: { ...ids, workerId, attempt },
});
export const retryScheduled = (attempt: number): SubmissionEvent => ({
  type: 'SubmissionRetryScheduled',
  data: { ...ids, attempt, delayMs: 30_000, errorClass: 'transient', message: 'timeout' },
});
export const succeeded: SubmissionEvent = {
  type: 'SubmissionSucceeded',
  data: { ...ids, attempt: 1, listingUrl: 'https://dir.test/l/1', evidencePath: 'evidence/1.png' },
};
export const failed: SubmissionEvent = {
  type: 'SubmissionFailed',
  data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'form rejected', evidencePath: 'evidence/2.png' },
};
export const needsManual: SubmissionEvent = {
  type: 'SubmissionNeedsManual',
  data: { ...ids, attempt: 1, reason: 'captcha', evidencePath: 'evidence/3.png' },
};
export const skipped: SubmissionEvent = { type: 'SubmissionSkipped', data: { ...ids, reason: 'duplicate' } };

export const deadLettered = (messageId = 'm1'): SubmissionEvent => ({
  type: 'SubmissionDeadLettered',
  data: { ...ids, messageId, reason: 'maxReceiveCount (3) exceeded' },
});
export const redriven = (messageId = 'm1'): SubmissionEvent => ({ type: 'SubmissionRedriven', data: { ...ids, messageId } });

export const historyOf: Readonly<Record<SubmissionStatus, readonly SubmissionEvent[]>> = {
  scheduled: [scheduled],
  in_progress: [scheduled, attemptStarted(1)],
  retry_scheduled: [scheduled, attemptStarted(1), retryScheduled(2)],
  succeeded: [scheduled, attemptStarted(1), succeeded],
  failed: [scheduled, attemptStarted(1), failed],
  needs_manual: [scheduled, attemptStarted(1), needsManual],
  skipped: [scheduled, skipped],
  dead_lettered: [scheduled, attemptStarted(1), deadLettered()],
};
