import { readStream } from '../event-store/event-decoding';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { jobStreamId, type JobCreated, type JobQueued } from '../jobs/job.events';
import { executeCommand } from '../shared/command-executor';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionIdempotencyKey } from '../submissions/idempotency-key';
import { submissionDecider } from '../submissions/submission.decider';
import { submissionStreamId } from '../submissions/submission.events';

const ACTOR = { kind: 'system', id: 'submission-scheduler' } as const;
const PARALLEL = 8;

/** JobQueued → one SubmissionScheduled per directory, each in its own stream. */
export async function scheduleAll(store: EventStore, queued: RecordedEvent<JobQueued>, windowDays: number): Promise<void> {
  const { jobId, directoryIds } = queued.data;
  const created = await jobCreatedOf(store, jobId);
  await inParallel(directoryIds, (directoryId) => scheduleSubmission(store, queued, created, directoryId, windowDays));
}

/** Runs `each` over the directories, at most eight at a time. */
export async function inParallel(directoryIds: readonly string[], each: (directoryId: string) => Promise<void>): Promise<void> {
  const pending = [...directoryIds];
  const worker = async (): Promise<void> => {
    for (let directoryId = pending.shift(); directoryId !== undefined; directoryId = pending.shift()) await each(directoryId);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, pending.length) }, worker));
}

/**
 * Also called by a worker that receives a message before the scheduler reaction has run: the event id
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
