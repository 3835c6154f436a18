import type { RecordedEvent } from '../../src/event-store/event-store.port';
import type { JobEvent } from '../../src/jobs/job.events';
import { business } from '../../test/support/job.fixtures';
import { jobsRows, type JobRow } from './jobs.projection';

const jobId = 'job-1';
let version = 0;
const recorded = (event: JobEvent): RecordedEvent => {
  version += 1;
  return {
    streamId: `job-${jobId}`, streamVersion: version, type: event.type, data: event.data, globalPosition: BigInt(version),
    checkpoint: String(version), recordedAt: new Date(), metadata: {
      eventId: `e${version}`, correlationId: jobId, causationId: `e${version}`, actor: { kind: 'system', id: 't' }, timestamp: `2026-01-01T00:00:0${version}Z`,
    },
  };
};
const project = (events: readonly JobEvent[]): JobRow | null => {
  version = 0;
  return events.reduce<JobRow | null>((row, event) => jobsRows.evolve(row, recorded(event)) ?? row, null);
};

describe('jobs projection', () => {
  const counts = { succeeded: 1, failed: 1, needsManual: 0, skipped: 0 };
  const history: JobEvent[] = [
    { type: 'JobCreated', data: { jobId, customerId: 'c', packageTier: 'pro', priority: 'P1', directoryIds: ['a', 'b'], business } },
    { type: 'JobQueued', data: { jobId, priority: 'P1', directoryIds: ['a', 'b'] } },
    { type: 'JobCompleted', data: { jobId, counts } },
  ];

  it('shows a reopened job in progress, unfinished, and the counts of its next finish', () => {
    const reopened = project([...history, { type: 'JobReopened', data: { jobId, directoryId: 'a', reason: 'manual' } }]);
    expect(reopened).toMatchObject({ status: 'in_progress', finished_at: null, status_reason: 'reopened: a (manual)' });
    const again = project([...history, { type: 'JobReopened', data: { jobId, directoryId: 'a', reason: 'manual' } },
      { type: 'JobCompleted', data: { jobId, counts: { ...counts, succeeded: 2, failed: 0 } } }]);
    expect(again).toMatchObject({ status: 'complete', succeeded: 2, failed: 0, status_reason: null, finished_at: expect.any(String) });
  });
});
