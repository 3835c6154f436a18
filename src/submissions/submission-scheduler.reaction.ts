import { readStream } from '../event-store/event-decoding';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { jobStreamId, type JobCreated, type JobQueued, type JobRequeued } from '../jobs/job.events';
import { typedReaction, type Reaction } from '../reactions/reaction';
import { executeCommand } from '../shared/command-executor';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionIdempotencyKey } from './idempotency-key';
import { reopenSubmission } from './submission-reopener';
import { submissionDecider } from './submission.decider';
import { submissionStreamId } from './submission.events';

const ACTOR = { kind: 'system', id: 'submission-scheduler' } as const;
const PARALLEL = 8;

/**
 * JobQueued → one SubmissionScheduled per directory, each in its own stream; a manual
 * JobRequeued (staff retrying) → its failed or parked submissions reopened.
 */
export function submissionSchedulerReaction(store: EventStore, idempotencyWindowDays: number): Reaction {
  return typedReaction<JobQueued | JobRequeued>({
    name: 'submission-scheduler',
    handles: ['JobQueued', 'JobRequeued'],
    // Only a queued job or a staff retry schedules or reopens submissions.
    ignores: ['JobCreated', 'JobStarted', 'JobCompleted', 'JobFailed', 'JobDeadLettered', 'JobRedriven', 'JobReopened', 'JobCancelled', 'JobStatusOverridden'],
    react: async (events) => {
      for (const event of events) {
        if (event.type === 'JobQueued') await scheduleAll(store, event, idempotencyWindowDays);
        if (event.type === 'JobRequeued') await reopenAll(store, event);
      }
    },
  });
}

async function scheduleAll(store: EventStore, queued: RecordedEvent<JobQueued>, windowDays: number): Promise<void> {
  const { jobId, directoryIds } = queued.data;
  const created = await jobCreatedOf(store, jobId);
  await inParallel(directoryIds, (directoryId) => scheduleSubmission(store, queued, created, directoryId, windowDays));
}

async function reopenAll(store: EventStore, requeued: RecordedEvent<JobRequeued>): Promise<void> {
  const { jobId, directoryIds, reason } = requeued.data;
  if (reason !== 'manual') return;
  const { eventId: requeueId, correlationId } = requeued.metadata;
  await inParallel(directoryIds, async (directoryId) => {
    await reopenSubmission(store, { jobId, directoryId, requeueId, correlationId }, ACTOR);
  });
}

async function inParallel(directoryIds: readonly string[], each: (directoryId: string) => Promise<void>): Promise<void> {
  const pending = [...directoryIds];
  const worker = async (): Promise<void> => {
    for (let directoryId = pending.shift(); directoryId !== undefined; directoryId = pending.shift()) await each(directoryId);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, pending.length) }, worker));
}

/**
 * Also called by a worker that receives a message before this reaction has run: the event id
 * derives from the JobQueued event, so whichever comes second appends nothing.
 */
export async function scheduleSubmission(
  store: EventStore,
  queued: RecordedEvent<JobQueued>,
  created: RecordedEvent<JobCreated>,
  directoryId: string,
  windowDays: number,
): Promise<void> {
  const { jobId, priority } = queued.data;
  const createdAt = new Date(created.metadata.timestamp);
  const idempotencyKey = submissionIdempotencyKey(jobId, directoryId, created.data.business, createdAt, windowDays);
  await executeCommand(
    store,
    submissionStreamId(jobId, directoryId),
    submissionDecider,
    { type: 'ScheduleSubmission', data: { jobId, directoryId, idempotencyKey, priority } },
    {
      metadata: { actor: ACTOR, correlationId: queued.metadata.correlationId, causationId: queued.metadata.eventId },
      eventIds: [deterministicUuid('submission-scheduled', queued.metadata.eventId, directoryId)],
    },
  );
}

async function jobCreatedOf(store: EventStore, jobId: string): Promise<RecordedEvent<JobCreated>> {
  const { events } = await readStream<JobCreated>(store, jobStreamId(jobId), ['JobCreated'], { maxCount: 1 });
  const first = events[0];
  if (first?.type !== 'JobCreated') throw new Error(`job ${jobId} has no JobCreated event`);
  return first;
}
