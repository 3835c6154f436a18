import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import type { JobCommand } from '../jobs/job.commands';
import { jobDecider } from '../jobs/job.decider';
import { readStream } from '../event-store/event-decoding';
import { jobStreamId, type JobCreated, type JobRequeued, type ReopenReason } from '../jobs/job.events';
import { typedReaction, type Reaction } from '../processing/reaction';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import { deterministicUuid } from '../shared/deterministic-id';
import { markReopensPending, progressOf, recordProgress, type JobProgress } from './job-progress.repository';
import { SUBMISSION_EVENT_TYPES, submissionStreamId, type SubmissionEvent } from '../submissions/submission.events';

const ACTOR = { kind: 'system', id: 'job-progress' } as const;
type Handled = JobCreated | JobRequeued | SubmissionEvent;
type Cause = RecordedEvent<Handled>;
const TERMINAL_TYPES = new Set([
  'SubmissionSucceeded',
  'SubmissionFailed',
  'SubmissionNeedsManual',
  'SubmissionSkipped',
  'SubmissionDeadLettered',
]);
/** Events that open a submission again, and why. */
const REOPENING: Readonly<Record<'SubmissionReopened' | 'SubmissionRedriven', ReopenReason>> = {
  SubmissionReopened: 'manual',
  SubmissionRedriven: 'redrive',
};

/**
 * Moves jobs along from their submissions: the first attempt starts the job; when every
 * submission is settled the job completes (or fails, if none of them got anywhere: every one
 * failed or was dead-lettered); dead letters are counted as such. A staff
 * retry keeps the job unfinished until the retried submissions have moved; a submission that
 * opens again after the job finished anyway brings the job back to in progress. Each command's
 * event id derives from the event that caused it, so a replay appends nothing twice.
 */
export function jobProgressReaction(pool: Pool, store: EventStore): Reaction {
  return typedReaction<Handled>({
    name: 'job-progress',
    handles: ['JobCreated', 'JobRequeued', ...SUBMISSION_EVENT_TYPES],
    // The rest of a job's life is what this reaction causes, or ends it by another path.
    ignores: [
      'JobQueued',
      'JobStarted',
      'JobCompleted',
      'JobFailed',
      'JobDeadLettered',
      'JobRedriven',
      'JobReopened',
      'JobCancelled',
      'JobStatusOverridden',
    ],
    react: async (events) => {
      await recordInOrder(pool, events);
      for (const reopened of events) {
        if (reopened.type !== 'SubmissionReopened' && reopened.type !== 'SubmissionRedriven') continue;
        await command(store, reopened, {
          type: 'ReopenJob',
          data: { directoryId: reopened.data.directoryId, reason: REOPENING[reopened.type] },
        });
      }
      for (const started of firstPerJob(events, (e) => e.type === 'SubmissionAttemptStarted')) {
        if (started.type !== 'SubmissionAttemptStarted') continue;
        await command(store, started, { type: 'StartJob', data: { workerId: started.data.workerId } });
      }
      for (const finished of lastPerJob(events, (e) => TERMINAL_TYPES.has(e.type))) {
        const progress = await progressOrRebuild(pool, store, jobIdOf(finished));
        if (progress && progress.terminal === progress.directoryCount) await command(store, finished, finishCommand(progress));
      }
    },
  });
}

/** Submission events and staff retries in log order: a retry marks only what came before it. */
async function recordInOrder(pool: Pool, events: readonly Cause[]): Promise<void> {
  let from = 0;
  for (const [index, event] of events.entries()) {
    if (event.type !== 'JobRequeued') continue;
    const { jobId, directoryIds, reason } = event.data;
    if (reason !== 'manual') continue;
    await recordProgress(pool, events.slice(from, index));
    await markReopensPending(pool, jobId, directoryIds, event.metadata.eventId);
    from = index + 1;
  }
  await recordProgress(pool, events.slice(from));
}

/**
 * Retention removes the bookkeeping of long-finished jobs (the job row and its submissions
 * together); if such a job comes back (a redrive), it is rebuilt from the job's own streams.
 */
async function progressOrRebuild(pool: Pool, store: EventStore, jobId: string): Promise<JobProgress | null> {
  const progress = await progressOf(pool, jobId);
  if (progress) return progress;
  const { events } = await readStream<JobCreated>(store, jobStreamId(jobId), ['JobCreated'], { maxCount: 1 });
  if (events[0]?.type !== 'JobCreated') return null;
  const history: RecordedEvent[] = [...events];
  for (const directoryId of events[0].data.directoryIds) {
    history.push(...(await store.readStream(submissionStreamId(jobId, directoryId))).events);
  }
  await recordProgress(pool, history);
  return progressOf(pool, jobId);
}

function finishCommand(progress: JobProgress): JobCommand {
  const { counts, directoryCount } = progress;
  const deadLettered = counts.deadLettered ?? 0;
  if (counts.failed + deadLettered === directoryCount) {
    const what = deadLettered === 0 ? 'failed' : 'failed or were dead-lettered';
    return { type: 'FailJob', data: { reason: `all ${directoryCount} submissions ${what}`, counts } };
  }
  return { type: 'CompleteJob', data: { counts } };
}

async function command(store: EventStore, cause: Cause, jobCommand: JobCommand): Promise<void> {
  try {
    await executeCommand(store, jobStreamId(jobIdOf(cause)), jobDecider, jobCommand, {
      metadata: { actor: ACTOR, correlationId: cause.metadata.correlationId, causationId: cause.metadata.eventId },
      eventIds: [deterministicUuid('job-progress', jobCommand.type, cause.metadata.eventId)],
    });
  } catch (error) {
    // The job moved on by another path (cancelled, overridden by staff): nothing to do.
    if (error instanceof DomainError && (error.code === 'ILLEGAL_TRANSITION' || error.code === 'NOT_FOUND')) return;
    throw error;
  }
}

const jobIdOf = (event: Cause): string => event.data.jobId;

function firstPerJob(events: readonly Cause[], wanted: (e: Cause) => boolean): Cause[] {
  const seen = new Map<string, Cause>();
  for (const event of events) if (wanted(event) && !seen.has(jobIdOf(event))) seen.set(jobIdOf(event), event);
  return [...seen.values()];
}

function lastPerJob(events: readonly Cause[], wanted: (e: Cause) => boolean): Cause[] {
  const last = new Map<string, Cause>();
  for (const event of events) if (wanted(event)) last.set(jobIdOf(event), event);
  return [...last.values()];
}
