import { ALL_ROLES, type Role } from '../config/app-config';
import type { BreakerState } from '../queue/circuit-breaker';
import type { BrowserState } from '../workers/submitter.port';
import type { InFlightWork, WorkerStatus } from '../workers/worker-heartbeat';

/** One row of worker_heartbeats joined with the `workers` read model, as the repository reads it. */
export interface WorkerRecord {
  readonly worker_id: string;
  readonly host: string | null;
  readonly pid: number | null;
  readonly roles: readonly string[];
  readonly status: WorkerStatus;
  readonly in_flight_work: readonly InFlightWork[];
  readonly concurrency: number | null;
  readonly max_concurrency: number | null;
  readonly breaker: StoredBreaker | null;
  readonly browser: BrowserState | null;
  readonly started_at: Date;
  readonly last_heartbeat: Date;
  readonly silent_seconds: number;
  readonly stale: boolean;
  readonly attempts_started: number | null;
  readonly succeeded: number | null;
  readonly failed: number | null;
  readonly needs_manual: number | null;
  readonly retries_scheduled: number | null;
  readonly last_event_at: Date | null;
}

/** The breaker as a heartbeat stores it (worker-heartbeat.ts). */
export interface StoredBreaker {
  readonly state: BreakerState;
  readonly consecutiveFailures: number;
  readonly timesOpened: number;
  readonly openedAt: string | null;
  readonly lastError: string | null;
}

export interface InFlightView {
  readonly jobId: string;
  readonly directoryId: string;
  readonly priority: string;
  readonly messageId: string;
}

/** What the worker did, from the events it caused (the `workers` read model); null before its first attempt. */
export interface WorkerActivity {
  readonly attemptsStarted: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly needsManual: number;
  readonly retriesScheduled: number;
  readonly lastEventAt: string | null;
}

export interface WorkerView {
  readonly id: string;
  readonly host: string | null;
  readonly pid: number | null;
  readonly roles: readonly Role[];
  readonly status: WorkerStatus;
  /** Silent longer than the stale threshold and not stopped: its work is (or will be) released. */
  readonly stale: boolean;
  readonly lastHeartbeat: string;
  readonly silentSeconds: number;
  readonly startedAt: string;
  readonly inFlight: readonly InFlightView[];
  /** Null when the row was written by a version that did not record it. */
  readonly concurrency: { readonly limit: number; readonly max: number } | null;
  readonly browser: BrowserState | null;
  readonly breaker: StoredBreaker | null;
  readonly activity: WorkerActivity | null;
}

export function toWorkerView(row: WorkerRecord): WorkerView {
  return {
    id: row.worker_id,
    host: row.host,
    pid: row.pid,
    roles: row.roles.filter(isRole),
    status: row.status,
    stale: row.stale,
    lastHeartbeat: row.last_heartbeat.toISOString(),
    silentSeconds: Math.max(0, Math.floor(row.silent_seconds)),
    startedAt: row.started_at.toISOString(),
    // The receipt stays out: it is a handle that can settle the message, not something to show.
    inFlight: row.in_flight_work.map(({ jobId, directoryId, priority, messageId }) => ({ jobId, directoryId, priority, messageId })),
    concurrency: row.concurrency === null || row.max_concurrency === null ? null : { limit: row.concurrency, max: row.max_concurrency },
    browser: row.browser,
    breaker: row.breaker,
    activity: activityOf(row),
  };
}

function activityOf(row: WorkerRecord): WorkerActivity | null {
  if (row.attempts_started === null) return null;
  return {
    attemptsStarted: row.attempts_started,
    succeeded: row.succeeded ?? 0,
    failed: row.failed ?? 0,
    needsManual: row.needs_manual ?? 0,
    retriesScheduled: row.retries_scheduled ?? 0,
    lastEventAt: row.last_event_at?.toISOString() ?? null,
  };
}

function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}
