import { decodeEvents } from '../event-store/event-decoding';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { toJobDetails, type JobDetails } from '../jobs/view-job/job-view';
import { jobStreamId } from '../jobs/job.events';
import { DomainError, fold } from '../shared/decider';
import { SUBMISSION_EVENT_TYPES, submissionStreamId, type SubmissionEvent, type SubmissionStatus } from '../submissions/submission.events';
import { evolveSubmission, initialSubmissionState } from '../submissions/submission.state';
import { describeAsOf, type AsOf } from './as-of';

export interface SubmissionAt {
  readonly directoryId: string;
  /** 'not_scheduled': the job had the directory, but nothing had happened to it yet. */
  readonly status: SubmissionStatus | 'not_scheduled';
  readonly attempts: number;
  readonly lastError: { readonly errorClass: string; readonly message: string } | null;
  readonly version: number;
}

export interface JobStateAt {
  readonly asOf: { readonly position: string } | { readonly at: string };
  readonly job: JobDetails;
  readonly submissions: readonly SubmissionAt[];
  /** The latest event (of the job or its submissions) the state includes. */
  readonly lastEvent: { readonly position: string; readonly stream: string; readonly type: string; readonly at: string };
}

/**
 * A stream as it stood at `asOf`: the longest prefix whose events are all at or before it.
 * A prefix, not a filter: timestamps come from callers and need not grow with the version.
 */
export function prefixAsOf(events: readonly RecordedEvent[], asOf: AsOf): readonly RecordedEvent[] {
  const end = events.findIndex((event) => !isWithin(event, asOf));
  return end === -1 ? events : events.slice(0, end);
}

function isWithin(event: RecordedEvent, asOf: AsOf): boolean {
  if (asOf.kind === 'position') return event.globalPosition <= asOf.position;
  return Date.parse(event.metadata.timestamp) <= asOf.at.getTime();
}

/** Pure: the job and its submissions folded from the prefixes of their streams up to `asOf`. */
export function foldJobStateAt(
  jobEvents: readonly RecordedEvent[],
  submissionEvents: ReadonlyMap<string, readonly RecordedEvent[]>,
  asOf: AsOf,
): JobStateAt | null {
  const jobPrefix = prefixAsOf(jobEvents, asOf);
  if (jobPrefix.length === 0) return null;
  const job = toJobDetails(jobPrefix);
  const included = [...jobPrefix];
  const submissions = job.directoryIds.map((directoryId) => {
    const prefix = prefixAsOf(submissionEvents.get(directoryId) ?? [], asOf);
    included.push(...prefix);
    return submissionAt(directoryId, prefix);
  });
  const last = included.reduce((a, b) => (b.globalPosition > a.globalPosition ? b : a));
  return {
    asOf: asOf.kind === 'position' ? { position: asOf.position.toString() } : { at: asOf.at.toISOString() },
    job,
    submissions,
    lastEvent: { position: last.globalPosition.toString(), stream: last.streamId, type: last.type, at: last.metadata.timestamp },
  };
}

function submissionAt(directoryId: string, events: readonly RecordedEvent[]): SubmissionAt {
  if (events.length === 0) return { directoryId, status: 'not_scheduled', attempts: 0, lastError: null, version: 0 };
  const state = fold(
    { evolve: evolveSubmission, initialState: initialSubmissionState },
    decodeEvents<SubmissionEvent>(SUBMISSION_EVENT_TYPES, events),
  );
  return { directoryId, status: state.status, attempts: state.attempts, lastError: state.lastError, version: events.length };
}

/** Reads the job's streams and folds them up to `asOf`. NOT_FOUND when the job did not exist by then. */
export async function jobStateAt(store: EventStore, jobId: string, asOf: AsOf): Promise<JobStateAt> {
  const { events } = await store.readStream(jobStreamId(jobId));
  if (events.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
  const prefix = prefixAsOf(events, asOf);
  if (prefix.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} did not exist yet at ${describeAsOf(asOf)}`);
  const { directoryIds } = toJobDetails(prefix);
  const submissions = new Map<string, readonly RecordedEvent[]>();
  for (let i = 0; i < directoryIds.length; i += READ_CONCURRENCY) {
    const batch = directoryIds.slice(i, i + READ_CONCURRENCY);
    const slices = await Promise.all(batch.map((id) => store.readStream(submissionStreamId(jobId, id))));
    batch.forEach((id, index) => submissions.set(id, slices[index].events));
  }
  return foldJobStateAt(prefix, submissions, asOf)!;
}

/** Submission streams read at once: hides latency without hogging the pool. */
const READ_CONCURRENCY = 8;
