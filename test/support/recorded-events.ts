import type { Actor, RecordedEvent } from '../../src/event-store/event-store.port';
import { jobStreamId, type JobEvent } from '../../src/jobs/job.events';
import { submissionStreamId, type SubmissionEvent } from '../../src/submissions/submission.events';

const SYSTEM: Actor = { kind: 'system', id: 'test' };

export interface EventLog {
  /** Records `event` as the next one of its stream and of the whole log, one second after the previous one. */
  record(streamId: string, event: { readonly type: string; readonly data: unknown }, actor?: Actor): RecordedEvent;
  job(event: JobEvent, actor?: Actor): RecordedEvent;
  submission(event: SubmissionEvent, actor?: Actor): RecordedEvent;
}

/**
 * A log of recorded events as a store would hand them to a projection: stream versions per stream,
 * global positions and checkpoints in order, timestamps with milliseconds (as the database returns them).
 */
export function eventLog(start = Date.parse('2026-01-01T00:00:00.000Z')): EventLog {
  let position = 0;
  const versions = new Map<string, number>();
  const record: EventLog['record'] = (streamId, event, actor = SYSTEM) => {
    position += 1;
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const timestamp = new Date(start + position * 1000).toISOString();
    const eventId = `e${position}`;
    return {
      streamId,
      streamVersion,
      type: event.type,
      data: event.data,
      globalPosition: BigInt(position),
      checkpoint: String(position).padStart(12, '0'),
      recordedAt: new Date(timestamp),
      metadata: { eventId, correlationId: streamId, causationId: eventId, actor, timestamp },
    };
  };
  return {
    record,
    job: (event, actor) => record(jobStreamId(event.data.jobId), event, actor),
    submission: (event, actor) => record(submissionStreamId(event.data.jobId, event.data.directoryId), event, actor),
  };
}

/** The timestamp `eventLog` gives its n-th event. */
export function timestampOf(position: number, start = Date.parse('2026-01-01T00:00:00.000Z')): string {
  return new Date(start + position * 1000).toISOString();
}
