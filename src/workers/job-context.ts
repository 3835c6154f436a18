import { decodeEvents, isOneOf, readStream } from '../event-store/event-decoding';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { jobDecider } from '../jobs/job.decider';
import { JOB_EVENT_TYPES, jobStreamId, type JobCreated, type JobEvent, type JobStatus } from '../jobs/job.events';
import { fold } from '../shared/decider';
import { submissionDecider, type SubmissionState } from '../submissions/submission.decider';
import { SUBMISSION_EVENT_TYPES, submissionStreamId, type SubmissionEvent } from '../submissions/submission.events';

export interface JobContext {
  readonly created: RecordedEvent<JobCreated>;
  readonly status: JobStatus;
  readonly events: readonly RecordedEvent<JobEvent>[];
}

export interface SubmissionContext {
  readonly state: SubmissionState;
  readonly version: number;
  /** The stream's last event; null when there is none, or it is of a type this version does not know. */
  readonly last: RecordedEvent<SubmissionEvent> | null;
}

export async function readJob(store: EventStore, jobId: string): Promise<JobContext | null> {
  const { events } = await readStream<JobEvent>(store, jobStreamId(jobId), JOB_EVENT_TYPES);
  const created = events[0];
  if (created?.type !== 'JobCreated') return null;
  const state = fold(jobDecider, events);
  return { created, status: state.status, events };
}

export async function readSubmission(store: EventStore, jobId: string, directoryId: string): Promise<SubmissionContext> {
  const { events, version } = await store.readStream(submissionStreamId(jobId, directoryId));
  const state = fold(submissionDecider, decodeEvents<SubmissionEvent>(SUBMISSION_EVENT_TYPES, events));
  const last = events.at(-1);
  return { state, version, last: last && isOneOf<SubmissionEvent>(SUBMISSION_EVENT_TYPES, last) ? last : null };
}
