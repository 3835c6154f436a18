import type { Actor, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { JobRequeued } from '../jobs/job.events';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionDecider } from '../submissions/submission.decider';
import { submissionStreamId } from '../submissions/submission.events';
import { inParallel } from './schedule-submission';

export interface ReopenRequest {
  readonly jobId: string;
  readonly directoryId: string;
  /** The event id of the manual JobRequeued: each one reopens a submission at most once. */
  readonly requeueId: string;
  readonly correlationId: string;
}

/** A manual JobRequeued (staff retrying) → its failed or parked submissions reopened. */
export async function reopenAll(store: EventStore, requeued: RecordedEvent<JobRequeued>, actor: Actor): Promise<void> {
  const { jobId, directoryIds, reason } = requeued.data;
  if (reason !== 'manual') return;
  const { eventId: requeueId, correlationId } = requeued.metadata;
  await inParallel(directoryIds, async (directoryId) => {
    await reopenSubmission(store, { jobId, directoryId, requeueId, correlationId }, actor);
  });
}

/**
 * Opens a failed or parked submission again for a staff retry. Called by the scheduler reaction
 * and by a worker whose message got there first; whichever comes second changes nothing.
 * Returns whether this call reopened it.
 */
export async function reopenSubmission(store: EventStore, request: ReopenRequest, actor: Actor): Promise<boolean> {
  const { jobId, directoryId, requeueId, correlationId } = request;
  for (let tries = 1; ; tries += 1) {
    try {
      const { events } = await executeCommand(
        store,
        submissionStreamId(jobId, directoryId),
        submissionDecider,
        { type: 'ReopenSubmission', data: { requeueId } },
        {
          metadata: { actor, correlationId, causationId: requeueId },
          eventIds: [deterministicUuid('submission-reopened', requeueId, directoryId)],
        },
      );
      return events.length > 0;
    } catch (error) {
      // Succeeded or skipped meanwhile, or already running again: there is nothing to reopen.
      if (error instanceof DomainError && (error.code === 'ILLEGAL_TRANSITION' || error.code === 'NOT_FOUND')) return false;
      // The other caller appended between our read and write: decide again on the new state.
      if (error instanceof WrongExpectedVersionError && tries < 3) continue;
      throw error;
    }
  }
}
