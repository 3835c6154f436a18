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

function fleet(env: Record<string, string>, depth: () => Promise<QueueDepth>): FleetMetrics {
  const query = jest.fn().mockImplementation(async (sql: string) => ({
    rows: sql.includes('worker_heartbeats')
      ? [
          { state: 'alive', n: 2 },
          { state: 'stale', n: 1 },
        ]
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

  it('adds nothing in a process without the api role', async () => {
    expect(await fleet({ ROLES: 'worker' }, async () => DEPTH).text()).toBe('');
  });
});
