import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type { Role } from '../config/app-config';
import type { BreakerSnapshot } from '../queue/circuit-breaker';
import { clipText } from '../shared/storable-text';
import type { BrowserState } from './submitter.port';

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
  /** Submissions it may run at once now, and the most its governor may choose. */
  readonly concurrency?: { readonly limit: number; readonly max: number };
  readonly breaker?: BreakerSnapshot;
}

/** What the process is, beyond what its consumer knows: for the fleet view (GET /api/admin/workers). */
export interface ProcessFacts {
  readonly roles: readonly Role[];
  /** Null when the process's submitter has no browser. */
  readonly browser: () => BrowserState | null;
}

const NO_FACTS: ProcessFacts = { roles: [], browser: () => null };
/** A breaker's last error is a driver's message: bounded and storable as jsonb, it still says what went wrong. */
const MAX_ERROR_CHARS = 300;

/** Writes this worker's row in worker_heartbeats (the seed's table; not events: liveness is not history). */
export class WorkerHeartbeat {
  constructor(
    private readonly pool: Pool,
    readonly workerId: string,
    private readonly facts: ProcessFacts = NO_FACTS,
  ) {}

  async beat({ status, inFlight, concurrency, breaker }: HeartbeatSnapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, current_job_id, in_flight, host, pid, in_flight_work, roles,
         concurrency, max_concurrency, breaker, browser, started_at, last_heartbeat)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::text[], $9, $10, $11::jsonb, $12::jsonb, now(), now())
       ON CONFLICT (worker_id) DO UPDATE SET status = EXCLUDED.status, current_job_id = EXCLUDED.current_job_id,
         in_flight = EXCLUDED.in_flight, in_flight_work = EXCLUDED.in_flight_work, roles = EXCLUDED.roles,
         concurrency = EXCLUDED.concurrency, max_concurrency = EXCLUDED.max_concurrency, breaker = EXCLUDED.breaker,
         browser = EXCLUDED.browser, last_heartbeat = now()`,
      [
        this.workerId,
        status,
        inFlight[0]?.jobId ?? null,
        inFlight.length,
        hostname(),
        process.pid,
        JSON.stringify(inFlight),
        [...this.facts.roles],
        concurrency?.limit ?? null,
        concurrency?.max ?? null,
        breaker ? JSON.stringify(storedBreaker(breaker)) : null,
        jsonOrNull(this.facts.browser()),
      ],
    );
  }
}

function storedBreaker(breaker: BreakerSnapshot): object {
  const { state, consecutiveFailures, timesOpened, openedAt, lastError } = breaker;
  return {
    state,
    consecutiveFailures,
    timesOpened,
    openedAt: openedAt?.toISOString() ?? null,
    lastError: lastError === null ? null : clipText(lastError, MAX_ERROR_CHARS),
  };
}

function jsonOrNull(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
