import type { RetryConfig } from '../config/queue-config';
import { retryDelayMs } from '../queue/retry-backoff';
import type { RecordFailure, SubmissionCommand } from '../submissions/submission.decider';
import type { SubmissionOutcome } from './submitter.port';

/**
 * The command that records a site's answer. Decided once per answer (the retry delay is drawn
 * here), so a retried append records the same thing.
 */
export function resultCommand(outcome: SubmissionOutcome, attempt: number, retry: RetryConfig, random?: () => number): SubmissionCommand {
  const evidencePath = outcome.evidencePath;
  const failure = (errorClass: 'transient' | 'permanent', message: string): RecordFailure['data'] => ({
    errorClass,
    message,
    evidencePath,
    maxAttempts: retry.maxAttempts,
    retryDelayMs: retryDelayMs(attempt, retry, random),
  });
  switch (outcome.kind) {
    case 'success':
      return { type: 'RecordSuccess', data: { listingUrl: outcome.listingUrl, evidencePath } };
    case 'duplicate':
      return { type: 'SkipDuplicate', data: {} };
    case 'needs_manual':
      return { type: 'RecordNeedsManual', data: { reason: outcome.reason, evidencePath } };
    case 'dry_run':
      return { type: 'RecordFailure', data: failure('permanent', 'a dry run reached the worker') };
    default:
      return { type: 'RecordFailure', data: failure(outcome.kind, outcome.message) };
  }
}
