import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { jobStreamId, type JobCreated, type JobQueued } from '../jobs/job.events';
import type { Reaction } from '../reactions/reaction';
import { executeCommand } from '../shared/command-executor';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionIdempotencyKey } from './idempotency-key';
import { submissionDecider } from './submission.decider';
import { submissionStreamId } from './submission.events';

const ACTOR = { kind: 'system', id: 'submission-scheduler' } as const;
const PARALLEL = 8;

/** JobQueued → one SubmissionScheduled per directory, each in its own stream. */
export function submissionSchedulerReaction(store: EventStore, idempotencyWindowDays: number): Reaction {
  return {
    name: 'submission-scheduler',
    handles: ['JobQueued'],
    react: async (events) => {
      for (const queued of events) await scheduleAll(store, queued, idempotencyWindowDays);
    },
  };
}

async function scheduleAll(store: EventStore, queued: RecordedEvent, windowDays: number): Promise<void> {
  const { jobId, directoryIds } = (queued as unknown as JobQueued).data;
  const created = await jobCreatedOf(store, jobId);
  const pending = [...directoryIds];
  const worker = async (): Promise<void> => {
    for (let directoryId = pending.shift(); directoryId !== undefined; directoryId = pending.shift()) {
      await scheduleSubmission(store, queued, created, directoryId, windowDays);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, pending.length) }, worker));
}

/**
 * Also called by a worker that receives a message before this reaction has run: the event id
 * derives from the JobQueued event, so whichever comes second appends nothing.
 */
export async function scheduleSubmission(
  store: EventStore,
  queued: RecordedEvent,
  created: RecordedEvent & JobCreated,
  directoryId: string,
  windowDays: number,
): Promise<void> {
  const { jobId, priority } = (queued as unknown as JobQueued).data;
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

async function jobCreatedOf(store: EventStore, jobId: string): Promise<RecordedEvent & JobCreated> {
  const { events } = await store.readStream(jobStreamId(jobId), { maxCount: 1 });
  const first = events[0];
  if (first?.type !== 'JobCreated') throw new Error(`job ${jobId} has no JobCreated event`);
  return first as RecordedEvent & JobCreated;
}
