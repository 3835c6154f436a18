import { hostname } from 'node:os';
import type { Pool } from 'pg';

export type WorkerStatus = 'starting' | 'idle' | 'running' | 'paused' | 'error' | 'stopped';

/** What the stale-work sweeper needs to release a silent worker's messages. */
export interface InFlightWork {
  readonly jobId: string;
  readonly directoryId: string;
  readonly messageId: string;
  readonly priority: string;
  readonly receipt: string;
}

export interface HeartbeatSnapshot {
  readonly status: WorkerStatus;
  readonly inFlight: readonly InFlightWork[];
}

/** Writes this worker's row in worker_heartbeats (the seed's table; not events: liveness is not history). */
export class WorkerHeartbeat {
  constructor(private readonly pool: Pool, readonly workerId: string) {}

  async beat({ status, inFlight }: HeartbeatSnapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, current_job_id, in_flight, host, pid, in_flight_work, started_at, last_heartbeat)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, now(), now())
       ON CONFLICT (worker_id) DO UPDATE SET status = EXCLUDED.status, current_job_id = EXCLUDED.current_job_id,
         in_flight = EXCLUDED.in_flight, in_flight_work = EXCLUDED.in_flight_work, last_heartbeat = now()`,
      [this.workerId, status, inFlight[0]?.jobId ?? null, inFlight.length, hostname(), process.pid, JSON.stringify(inFlight)],
    );
  }
}
