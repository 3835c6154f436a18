import type { EventStore, RecordedEvent, StreamSlice } from '../event-store/event-store.port';
import type { JobEvent } from '../jobs/job.events';
import type { SubmissionEvent } from '../submissions/submission.events';
import { foldJobStateAt, jobStateAt, prefixAsOf } from './job-state-at';

const jobId = '5f0c1f7e-0000-4000-8000-000000000001';
const directoryIds = ['d1', 'd2'];
const business = {
  businessName: 'Acme',
  email: 'a@acme.test',
  phone: '1',
  website: 'https://acme.test',
  address: '1 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
  category: 'Plumbing',
  description: 'Pipes',
};
const at = (minute: number): string => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();

let position = 0n;
function recorded(streamId: string, version: number, minute: number, event: JobEvent | SubmissionEvent): RecordedEvent {
  position += 1n;
  return {
    streamId,
    streamVersion: version,
    type: event.type,
    data: event.data,
    globalPosition: position,
    checkpoint: `cp-${position}`,
    recordedAt: new Date(at(minute)),
    metadata: { eventId: `e-${position}`, correlationId: 'c', causationId: 'c', actor: { kind: 'system', id: 't' }, timestamp: at(minute) },
  };
}

const job = `job-${jobId}`;
const sub = (d: string): string => `submission-${jobId}-${d}`;
const ids = (directoryId: string) => ({ jobId, directoryId });
// Global order: positions 1..8, minutes 0..7.
const jobEvents = [
  recorded(job, 1, 0, {
    type: 'JobCreated',
    data: { jobId, customerId: 'acme', packageTier: 'growth', priority: 'P2', directoryIds, business },
  }),
  recorded(job, 2, 1, { type: 'JobQueued', data: { jobId, priority: 'P2', directoryIds } }),
];
const d1 = [
  recorded(sub('d1'), 1, 2, { type: 'SubmissionScheduled', data: { ...ids('d1'), idempotencyKey: 'k1', priority: 'P2' } }),
  recorded(sub('d1'), 2, 3, { type: 'SubmissionAttemptStarted', data: { ...ids('d1'), workerId: 'w1', attempt: 1 } }),
];
jobEvents.push(recorded(job, 3, 4, { type: 'JobStarted', data: { jobId, workerId: 'w1' } }));
d1.push(
  recorded(sub('d1'), 3, 5, {
    type: 'SubmissionRetryScheduled',
    data: { ...ids('d1'), attempt: 2, delayMs: 30_000, errorClass: 'transient', message: 'HTTP 503' },
  }),
);
jobEvents.push(recorded(job, 4, 6, { type: 'JobCancelled', data: { jobId, reason: 'refund' } }));
const submissions = new Map([['d1', d1]]);

describe('job state as of', () => {
  it('folds the job and its submissions up to a global position', () => {
    const state = foldJobStateAt(jobEvents, submissions, { kind: 'position', position: 5n })!;
    expect(state.asOf).toEqual({ position: '5' });
    expect(state.job).toMatchObject({ jobId, status: 'in_progress', version: 3, customerId: 'acme', directoryIds });
    expect(state.submissions).toEqual([
      { directoryId: 'd1', status: 'in_progress', attempts: 1, lastError: null, version: 2 },
      { directoryId: 'd2', status: 'not_scheduled', attempts: 0, lastError: null, version: 0 },
    ]);
    expect(state.lastEvent).toEqual({ position: '5', stream: job, type: 'JobStarted', at: at(4) });
  });

  it("folds up to a time, inclusive, by the events' metadata timestamps", () => {
    const state = foldJobStateAt(jobEvents, submissions, { kind: 'time', at: new Date(at(5)) })!;
    expect(state.asOf).toEqual({ at: at(5) });
    expect(state.job.status).toBe('in_progress');
    expect(state.submissions[0]).toMatchObject({ status: 'retry_scheduled', lastError: { errorClass: 'transient', message: 'HTTP 503' } });
    expect(state.lastEvent.type).toBe('SubmissionRetryScheduled');
    expect(foldJobStateAt(jobEvents, submissions, { kind: 'time', at: new Date(at(59)) })!.job.status).toBe('cancelled');
  });

  it('is null before the job was created', () => {
    expect(foldJobStateAt(jobEvents, submissions, { kind: 'position', position: 0n })).toBeNull();
    expect(foldJobStateAt(jobEvents, submissions, { kind: 'time', at: new Date('2024-12-31T00:00:00Z') })).toBeNull();
  });

  it('takes a prefix of the stream: an event past the point hides the later ones even if their clock says earlier', () => {
    const skewed = [...jobEvents.slice(0, 2), { ...jobEvents[2], metadata: { ...jobEvents[2].metadata, timestamp: at(30) } }, jobEvents[3]];
    expect(prefixAsOf(skewed, { kind: 'time', at: new Date(at(10)) }).map((e) => e.type)).toEqual(['JobCreated', 'JobQueued']);
  });

  it('reads the streams from the store, and says NOT_FOUND for an unknown job or a point before it existed', async () => {
    const store = fakeStore(
      new Map([
        [job, jobEvents],
        [sub('d1'), d1],
      ]),
    );
    const state = await jobStateAt(store, jobId, { kind: 'position', position: 4n });
    expect(state.submissions.map((s) => s.status)).toEqual(['in_progress', 'not_scheduled']);
    await expect(jobStateAt(store, 'nope', { kind: 'position', position: 4n })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Job nope does not exist',
    });
    await expect(jobStateAt(store, jobId, { kind: 'position', position: 0n })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Job ${jobId} did not exist yet at position 0`,
    });
  });
});

function fakeStore(streams: ReadonlyMap<string, readonly RecordedEvent[]>): EventStore {
  const unused = (): never => {
    throw new Error('not used');
  };
  return {
    name: 'postgres',
    readStream: async (streamId): Promise<StreamSlice> => {
      const events = streams.get(streamId) ?? [];
      return { streamId, version: events.length, events };
    },
    appendToStream: unused,
    readAll: unused,
    subscribeToAll: unused,
    close: unused,
  };
}
