import type { Pool } from 'pg';
import type { ProjectionHost, ProjectionStatus } from '../../projections/runtime/projection-host';
import type { ApiKeys } from '../auth/api-keys/api-keys.service';
import { loadConfig } from '../config/app-config';
import type { Database } from '../database/database';
import type { MessageQueue, QueueDepth } from '../queue/queue.port';
import type { ScalingDecision } from '../scaling/scaling-policy';
import type { ScalingSignal } from '../scaling/scaling-signal.service';
import { FleetMetrics } from './fleet-metrics';

const fake = <T>(part: Partial<T>): T => part as T;

const DEPTH: QueueDepth = {
  tiers: {
    P1: { visible: 2, delayed: 0, inFlight: 1 },
    P2: { visible: 0, delayed: 0, inFlight: 0 },
    P3: { visible: 0, delayed: 3, inFlight: 0 },
  },
  deadLetters: 4,
};

// Two complete jobs (one ≤ 60 s, one ≤ 900 s), one failed over a day, three still queued.
const JOB_STATS = [
  { status: 'complete', bucket: 0, jobs: 1, duration_ms: 30_000 },
  { status: 'complete', bucket: 2, jobs: 1, duration_ms: 600_000 },
  { status: 'failed', bucket: 8, jobs: 1, duration_ms: 90_000_000 },
  { status: 'queued', bucket: -1, jobs: 3, duration_ms: 0 },
];

function fleet(env: Record<string, string>, depth: () => Promise<QueueDepth>): FleetMetrics {
  const query = jest.fn().mockImplementation(async (sql: string) => ({
    rows: sql.includes('worker_heartbeats')
      ? [
          { state: 'alive', n: 2 },
          { state: 'stale', n: 1 },
        ]
      : sql.includes('job_stats')
        ? JOB_STATS
        : [],
  }));
  const database = fake<Database>({ pool: fake<Pool>({ query }) });
  const lag: ProjectionStatus['lag'] = { events: 5, seconds: 1.5 };
  return new FleetMetrics(
    loadConfig(env),
    database,
    fake<MessageQueue>({ depth }),
    fake<ApiKeys>({ list: async () => [] }),
    fake<ProjectionHost>({ status: async () => [fake<ProjectionStatus>({ name: 'jobs', lag })] }),
    fake<ScalingSignal>({ decide: async () => fake<ScalingDecision>({ desiredWorkers: 3 }) }),
  );
}

describe('FleetMetrics', () => {
  it('reads queue depth, workers and projection lag when the api role runs here', async () => {
    const text = await fleet({}, async () => DEPTH).text();
    expect(text).toContain('dbolt_queue_messages{tier="P1",state="visible"} 2\n');
    expect(text).toContain('dbolt_queue_dead_letters 4\n');
    expect(text).toContain('dbolt_workers{state="alive"} 2\n');
    expect(text).toContain('dbolt_workers{state="stopped"} 0\n');
    expect(text).toContain('dbolt_projection_lag_events{projection="jobs"} 5\n');
    expect(text).toContain('dbolt_fleet_read_failed{source="queue"} 0\n');
    expect(text).toContain('dbolt_scaling_desired_workers 3\n');
  });

  it('leaves out what it could not read and says so, keeping the rest', async () => {
    const text = await fleet({}, async () => {
      throw new Error('queue unreachable');
    }).text();
    expect(text).not.toMatch(/^dbolt_queue_messages\{/m);
    expect(text).toMatch(/^dbolt_queue_dead_letters nan$/im); // prom-client writes "Nan"; Prometheus reads any case
    expect(text).toContain('dbolt_fleet_read_failed{source="queue"} 1\n');
    expect(text).toContain('dbolt_workers{state="alive"} 2\n');
  });

  it('counts jobs by status and their durations from the job_stats rows', async () => {
    const text = await fleet({}, async () => DEPTH).text();
    expect(text).toContain('dbolt_jobs{status="complete"} 2\n');
    expect(text).toContain('dbolt_jobs{status="queued"} 3\n');
    expect(text).toContain('dbolt_job_duration_seconds_bucket{status="complete",le="60"} 1\n');
    expect(text).toContain('dbolt_job_duration_seconds_bucket{status="complete",le="300"} 1\n');
    expect(text).toContain('dbolt_job_duration_seconds_bucket{status="complete",le="900"} 2\n');
    expect(text).toContain('dbolt_job_duration_seconds_bucket{status="failed",le="86400"} 0\n');
    expect(text).toContain('dbolt_job_duration_seconds_bucket{status="failed",le="+Inf"} 1\n');
    expect(text).toContain('dbolt_job_duration_seconds_sum{status="complete"} 630\n');
    expect(text).toContain('dbolt_job_duration_seconds_count{status="failed"} 1\n');
    expect(text).not.toMatch(/dbolt_job_duration_seconds_count\{status="queued"\}/);
  });

  it('lets scrapes that arrive together share one read of the fleet', async () => {
    let release: (depth: QueueDepth) => void = () => undefined;
    const gate = new Promise<QueueDepth>((resolve) => (release = resolve));
    const depth = jest.fn(() => gate);
    const metrics = fleet({}, depth);
    const scrapes = [metrics.text(), metrics.text(), metrics.text()];
    release(DEPTH);
    const texts = await Promise.all(scrapes);
    expect(depth).toHaveBeenCalledTimes(1);
    expect(new Set(texts).size).toBe(1);
    await metrics.text(); // once answered, the next scrape reads afresh
    expect(depth).toHaveBeenCalledTimes(2);
  });

  it('adds nothing in a process without the api role', async () => {
    expect(await fleet({ ROLES: 'worker' }, async () => DEPTH).text()).toBe('');
  });
});
