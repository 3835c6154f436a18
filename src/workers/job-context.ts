import type { EventStore, RecordedEvent } from '../event-store/event-store.port';
import { jobDecider } from '../jobs/job.decider';
import { jobStreamId, type JobCreated, type JobEvent, type JobStatus } from '../jobs/job.events';
import { fold } from '../shared/decider';
import { submissionDecider, type SubmissionState } from '../submissions/submission.decider';
import { submissionStreamId, type SubmissionEvent } from '../submissions/submission.events';

export interface JobContext {
  readonly created: RecordedEvent & JobCreated;
  readonly status: JobStatus;
  readonly events: readonly RecordedEvent[];
}

export interface SubmissionContext {
  readonly state: SubmissionState;
  readonly version: number;
  readonly last: RecordedEvent | null;
}

export async function readJob(store: EventStore, jobId: string): Promise<JobContext | null> {
  const { events } = await store.readStream(jobStreamId(jobId));
  const created = events[0];
  if (created?.type !== 'JobCreated') return null;
  const state = fold(jobDecider, events as unknown as JobEvent[]);
  return { created: created as RecordedEvent & JobCreated, status: state.status, events };
}

export async function readSubmission(store: EventStore, jobId: string, directoryId: string): Promise<SubmissionContext> {
  const { events, version } = await store.readStream(submissionStreamId(jobId, directoryId));
  const state = fold(submissionDecider, events as unknown as SubmissionEvent[]);
  return { state, version, last: events.at(-1) ?? null };
}
