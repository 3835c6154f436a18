import type { DuplicateGuard } from '../duplicate-suppression/duplicate-guard';
import type { JobCreated } from '../jobs/job.events';
import type { SubmissionCommand } from '../submissions/submission.decider';
import type { ProcessResult } from './submission-processor';
import type { SubmissionOutcome } from './submitter.port';

/** What the worker asks of duplicate suppression (DuplicateGuard). */
export type DuplicateGate = Pick<DuplicateGuard, 'admit' | 'accepted'>;

/** How soon a submission waiting on another job's claim asks again; not an attempt, so cheap to repeat. */
export const CLAIM_WAIT_MS = 5000;

/**
 * Right before the browser submits: skip a listing another job already got accepted here, wait
 * while another job's submission of it is running, else go on (null) holding the claim.
 * `record` appends the skip at the version read, returning null when the stream moved.
 */
export async function checkDuplicate(
  guard: DuplicateGate,
  job: JobCreated['data'],
  directoryId: string,
  workerId: string,
  record: (command: SubmissionCommand) => Promise<number | null>,
): Promise<ProcessResult | null> {
  const verdict = await guard.admit(job, directoryId, workerId);
  switch (verdict.kind) {
    case 'submit':
      return null;
    case 'wait':
      return {
        action: 'release',
        delayMs: CLAIM_WAIT_MS,
        reason: `job ${verdict.holderJobId || '?'} is submitting the same listing`,
        countsAsAttempt: false,
      };
    case 'already-submitted': {
      const appended = await record({ type: 'SkipAlreadySubmitted', data: { earlier: verdict.earlier } });
      if (appended === null) return { action: 'release', delayMs: 1000, reason: 'submission changed concurrently' };
      return { action: 'ack', outcome: `skipped: already-submitted in job ${verdict.earlier.jobId}` };
    }
    default: {
      const unexpected: never = verdict;
      throw new Error(`unknown duplicate verdict ${(unexpected as { kind: string }).kind}`);
    }
  }
}

/** After the success is in the log: best effort, since the next job reading this stream repairs a lost record. */
export async function noteAccepted(
  guard: DuplicateGate,
  job: JobCreated['data'],
  directoryId: string,
  outcome: SubmissionOutcome,
  onError?: (what: string, error: unknown) => void,
): Promise<void> {
  if (outcome.kind !== 'success') return;
  try {
    await guard.accepted(job, directoryId, outcome.listingUrl, outcome.evidencePath, new Date());
  } catch (error) {
    onError?.(`recording the accepted listing of ${job.jobId}/${directoryId}`, error);
  }
}
