import { readStream } from '../event-store/event-decoding';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import {
  JOB_EVENT_TYPES,
  jobStreamId,
  type JobEvent,
  type JobQueued,
  type JobRedriven,
  type JobRequeued,
  type Priority,
} from '../jobs/job.events';
import { typedReaction, type Reaction } from '../processing/reaction';
import { fold } from '../shared/decider';
import { deterministicUuid } from '../shared/deterministic-id';
import { submissionDecider } from '../submissions/submission.decider';
import {
  SUBMISSION_EVENT_TYPES,
  submissionStreamId,
  type SubmissionEvent,
  type SubmissionRedriven,
  type SubmissionRetryScheduled,
} from '../submissions/submission.events';
import { MAX_DELAY_MS, type MessageQueue, type OutgoingMessage } from '../queue/queue.port';
import { encodeSubmissionMessage, submissionSubject } from '../queue/submission-message';

export const DISPATCHED_EVENT_TYPES = [
  'JobQueued',
  'SubmissionRetryScheduled',
  'JobRequeued',
  'JobRedriven',
  'SubmissionRedriven',
] as const;
type Dispatched = JobQueued | SubmissionRetryScheduled | JobRequeued | JobRedriven | SubmissionRedriven;
/** Every other event of those streams: none of them asks for a submission to run. */
const NOT_DISPATCHED = [
  'JobCreated',
  'JobStarted',
  'JobCompleted',
  'JobFailed',
  'JobDeadLettered',
  'JobReopened',
  'JobCancelled',
  'JobStatusOverridden',
  'SubmissionScheduled',
  'SubmissionAttemptStarted',
  'SubmissionSucceeded',
  'SubmissionFailed',
  'SubmissionNeedsManual',
  'SubmissionSkipped',
  'SubmissionReopened',
  'SubmissionDeadLettered',
] as const;

interface Work {
  readonly jobId: string;
  readonly directoryId: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reopen?: true;
}

/**
 * The outbox: turns the events that mean "this submission should run (again)" into queue
 * messages, one per directory. Runs as a checkpointed reaction — the checkpoint moves only
 * after the send, so a crash in between resends (harmless: consumers are idempotent) and loses
 * nothing. Message ids derive from the causing event, so operators can trace a message back.
 */
export function dispatcherReaction(store: EventStore, queue: MessageQueue, now: () => number = Date.now): Reaction {
  const priorities = new PriorityLookup(store);
  return typedReaction<Dispatched>({
    name: 'dispatcher',
    handles: DISPATCHED_EVENT_TYPES,
    ignores: NOT_DISPATCHED,
    react: async (events) => {
      const messages: OutgoingMessage[] = [];
      for (const event of events) {
        const priority = await priorities.of(event);
        for (const work of await workOf(store, event, now())) messages.push(toMessage(event, work, priority));
      }
      await queue.send(messages);
    },
  });
}

function toMessage(cause: RecordedEvent<Dispatched>, work: Work, priority: Priority): OutgoingMessage {
  const { jobId, directoryId, attempt, reopen } = work;
  const { correlationId, eventId } = cause.metadata;
  return {
    id: deterministicUuid('dispatch', eventId, directoryId),
    subject: submissionSubject(jobId, directoryId),
    priority,
    body: encodeSubmissionMessage({
      jobId,
      directoryId,
      attempt,
      priority,
      correlationId,
      causationId: eventId,
      ...(reopen ? { reopen } : {}),
    }),
    delayMs: work.delayMs,
  };
}

async function workOf(store: EventStore, event: RecordedEvent<Dispatched>, now: number): Promise<Work[]> {
  switch (event.type) {
    case 'JobQueued': {
      const { jobId, directoryIds } = event.data;
      return directoryIds.map((directoryId) => ({ jobId, directoryId, attempt: 1, delayMs: 0 }));
    }
    case 'SubmissionRetryScheduled': {
      const { jobId, directoryId, attempt, delayMs } = event.data;
      // A dispatcher that was down (or behind) must not add its lag to the backoff.
      const remaining = event.recordedAt.getTime() + delayMs - now;
      return [{ jobId, directoryId, attempt, delayMs: Math.min(MAX_DELAY_MS, Math.max(0, remaining)) }];
    }
    case 'SubmissionRedriven': {
      const { jobId, directoryId } = event.data;
      return [{ jobId, directoryId, attempt: await nextAttempt(store, jobId, directoryId), delayMs: 0 }];
    }
    case 'JobRequeued':
    case 'JobRedriven': {
      const { jobId, directoryIds } = event.data;
      // A staff retry may find the submission still failed (the scheduler reaction has not reopened it yet).
      const reopen = event.type === 'JobRequeued' && event.data.reason === 'manual' ? { reopen: true as const } : {};
      return Promise.all(
        directoryIds.map(async (directoryId) => ({
          jobId,
          directoryId,
          attempt: await nextAttempt(store, jobId, directoryId),
          delayMs: 0,
          ...reopen,
        })),
      );
    }
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

async function nextAttempt(store: EventStore, jobId: string, directoryId: string): Promise<number> {
  const { events } = await readStream<SubmissionEvent>(store, submissionStreamId(jobId, directoryId), SUBMISSION_EVENT_TYPES);
  return fold(submissionDecider, events).attempts + 1;
}

/** Priority lives on the job's first events; a small cache spares a read per retry. */
class PriorityLookup {
  private readonly cache = new Map<string, Priority>();

  constructor(private readonly store: EventStore) {}

  async of(event: RecordedEvent<Dispatched>): Promise<Priority> {
    if (event.type === 'JobQueued') return event.data.priority;
    const { jobId } = event.data;
    const cached = this.cache.get(jobId);
    if (cached) return cached;
    const { events } = await readStream<JobEvent>(this.store, jobStreamId(jobId), JOB_EVENT_TYPES, { maxCount: 1 });
    const first = events[0];
    const priority = first?.type === 'JobCreated' || first?.type === 'JobQueued' ? first.data.priority : 'P3';
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(jobId, priority);
    return priority;
  }
}
