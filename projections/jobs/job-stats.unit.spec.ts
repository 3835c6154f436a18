import { JOB_DURATION_BUCKETS, jobStatsDeltas, UNFINISHED_BUCKET, type JobStatsChange } from './job-stats';
import type { JobRow } from './jobs.projection';

const CREATED = '2026-01-01T00:00:00.000Z';
const after = (seconds: number): string => new Date(Date.parse(CREATED) + seconds * 1000).toISOString();

function job(status: JobRow['status'], finishedAfterSeconds: number | null): JobStatsChange['after'] {
  return { status, created_at: CREATED, finished_at: finishedAfterSeconds === null ? null : after(finishedAfterSeconds) };
}

const change = (before: JobStatsChange['before'], next: JobStatsChange['after']): JobStatsChange => ({ before, after: next });

describe('job stats deltas', () => {
  it('counts a new job under its status, unfinished', () => {
    expect(jobStatsDeltas([change(null, job('pending', null))])).toEqual([
      { status: 'pending', bucket: UNFINISHED_BUCKET, jobs: 1, duration_ms: 0 },
    ]);
  });

  it('moves a finishing job into the first bucket its duration fits, bounds inclusive', () => {
    expect(jobStatsDeltas([change(job('in_progress', null), job('complete', 60))])).toEqual([
      { status: 'in_progress', bucket: UNFINISHED_BUCKET, jobs: -1, duration_ms: 0 },
      { status: 'complete', bucket: 0, jobs: 1, duration_ms: 60_000 },
    ]);
    expect(jobStatsDeltas([change(null, job('failed', 60.001))])[0]).toMatchObject({ bucket: 1, duration_ms: 60_001 });
  });

  it('puts a job longer than the last bound past every bucket (only +Inf counts it)', () => {
    const [delta] = jobStatsDeltas([change(null, job('complete', 86_401))]);
    expect(delta.bucket).toBe(JOB_DURATION_BUCKETS.length);
  });

  it('takes a reopened job out of its finished bucket, and an override moves it between statuses in the same bucket', () => {
    expect(jobStatsDeltas([change(job('complete', 100), job('queued', null))])).toEqual([
      { status: 'complete', bucket: 1, jobs: -1, duration_ms: -100_000 },
      { status: 'queued', bucket: UNFINISHED_BUCKET, jobs: 1, duration_ms: 0 },
    ]);
    expect(jobStatsDeltas([change(job('complete', 100), job('failed', 100))])).toEqual([
      { status: 'complete', bucket: 1, jobs: -1, duration_ms: -100_000 },
      { status: 'failed', bucket: 1, jobs: 1, duration_ms: 100_000 },
    ]);
  });

  it('leaves out what cancels within a page, and reads Date objects as PostgreSQL returns them', () => {
    const fromDatabase = { ...job('queued', null), created_at: new Date(CREATED) } as unknown as JobStatsChange['after'];
    const other = job('queued', null);
    expect(jobStatsDeltas([change(fromDatabase, job('cancelled', 30)), change(null, other)])).toEqual([
      { status: 'cancelled', bucket: 0, jobs: 1, duration_ms: 30_000 },
    ]);
  });
});
