import { decodeEvents } from '../event-store/event-decoding';
import type { Actor, EventStore, RecordedEvent } from '../event-store/event-store.port';
import { DomainError, fold } from '../shared/decider';
import { jobDecider } from '../jobs/job.decider';
import { JOB_EVENT_TYPES, jobStreamId, type JobEvent } from '../jobs/job.events';
import { submissionStreamId } from '../submissions/submission.events';

export interface TimelineEntry {
  /** Global position in the event log: the order things happened across streams. */
  readonly position: number;
  readonly stream: string;
  readonly version: number;
  readonly type: string;
  readonly at: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
  readonly directoryId?: string;
  readonly attempt?: number;
  readonly delayMs?: number;
  readonly errorClass?: string;
  readonly message?: string;
  readonly data: unknown;
}

/** Submission streams read at once; enough to hide latency without hogging the pool. */
const READ_CONCURRENCY = 8;

/**
 * Everything that happened to a job: its own stream and every submission stream of its
 * directories, merged in global order. Plain functions over the port (no Nest), so the CLI shares it.
 */
export async function jobTimeline(store: EventStore, jobId: string): Promise<TimelineEntry[]> {
  const job = await store.readStream(jobStreamId(jobId));
  if (job.events.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
  const { directoryIds } = fold(jobDecider, decodeEvents<JobEvent>(JOB_EVENT_TYPES, job.events));
  const submissions = await mapLimited(
    directoryIds,
    READ_CONCURRENCY,
    async (directoryId) => (await store.readStream(submissionStreamId(jobId, directoryId))).events,
  );
  return [...job.events, ...submissions.flat()]
    .sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0))
    .map(toEntry);
}

function toEntry(event: RecordedEvent): TimelineEntry {
  const { actor, correlationId, causationId, timestamp } = event.metadata;
  return {
    position: Number(event.globalPosition),
    stream: event.streamId,
    version: event.streamVersion,
    type: event.type,
    at: timestamp,
    actor,
    correlationId,
    causationId,
    ...highlights(event.data),
    data: event.data,
  };
}

/** The fields an auditor scans for, lifted out of the event data when present. */
function highlights(data: unknown): Partial<TimelineEntry> {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return {
    ...pick('directoryId', d.directoryId, 'string'),
    ...pick('attempt', d.attempt, 'number'),
    ...pick('delayMs', d.delayMs, 'number'),
    ...pick('errorClass', d.errorClass, 'string'),
    ...pick('message', d.message, 'string'),
  };
}

function pick(key: keyof TimelineEntry, value: unknown, type: 'string' | 'number'): Partial<TimelineEntry> {
  return typeof value === type ? { [key]: value } : {};
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
