import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { SqlReader } from '../database/read-batch';
import type { WorkerRecord } from './worker-view';

export interface FleetCounts {
  /** Not stopped and heard from within the stale threshold. */
  readonly live: number;
  /** Of the live ones, those whose circuit breaker is open (queue or database trouble). */
  readonly paused: number;
  /** Not stopped and silent past it. */
  readonly stale: number;
  /** Shut down cleanly. */
  readonly stopped: number;
}

export interface FleetQuery {
  readonly staleAfterMs: number;
  readonly includeStopped: boolean;
  readonly limit: number;
}

// Ages come from the database's clock, the one that stamped last_heartbeat: no skew between hosts.
const STALE = `(h.status <> 'stopped' AND h.last_heartbeat < now() - make_interval(secs => $1 / 1000.0))`;

/** Worker processes as their heartbeats (and the `workers` read model) describe them. */
@Injectable()
export class FleetRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  /** Most recently heard from first. */
  async list({ staleAfterMs, includeStopped, limit }: FleetQuery): Promise<WorkerRecord[]> {
    const { rows } = await this.database.pool.query<WorkerRecord>(
      `SELECT h.worker_id, h.host, h.pid, h.roles, h.status, h.in_flight_work, h.concurrency, h.max_concurrency,
         h.breaker, h.browser, h.started_at, h.last_heartbeat,
         extract(epoch FROM now() - h.last_heartbeat)::float8 AS silent_seconds, ${STALE} AS stale,
         w.attempts_started, w.succeeded, w.failed, w.needs_manual, w.retries_scheduled, w.last_event_at
       FROM worker_heartbeats h LEFT JOIN workers w ON w.id = h.worker_id
       WHERE $2::boolean OR h.status <> 'stopped'
       ORDER BY h.last_heartbeat DESC, h.worker_id
       LIMIT $3`,
      [staleAfterMs, includeStopped, limit],
    );
    return rows;
  }

  async counts(staleAfterMs: number, reader: SqlReader = this.database.pool): Promise<FleetCounts> {
    const { rows } = await reader.query<FleetCounts>(
      `SELECT count(*) FILTER (WHERE h.status <> 'stopped' AND NOT ${STALE})::int AS live,
         count(*) FILTER (WHERE h.status = 'paused' AND NOT ${STALE})::int AS paused,
         count(*) FILTER (WHERE ${STALE})::int AS stale,
         count(*) FILTER (WHERE h.status = 'stopped')::int AS stopped
       FROM worker_heartbeats h`,
      [staleAfterMs],
    );
    return rows[0];
  }

  /**
   * Removes a worker's heartbeat row unless it is live: 'forgotten', 'live' (refused; its silence
   * in seconds), or 'unknown'. A process that is in fact alive writes its row again on its next beat.
   */
  async forget(
    workerId: string,
    staleAfterMs: number,
  ): Promise<{ readonly outcome: 'forgotten' | 'unknown' } | { readonly outcome: 'live'; readonly silentSeconds: number }> {
    const { rows } = await this.database.pool.query<{ deleted: boolean; silent_seconds: number }>(
      `WITH target AS (
         SELECT h.worker_id, h.status = 'stopped' OR ${STALE} AS gone, extract(epoch FROM now() - h.last_heartbeat)::float8 AS silent_seconds
         FROM worker_heartbeats h WHERE h.worker_id = $2
       ), deleted AS (
         DELETE FROM worker_heartbeats h USING target t WHERE h.worker_id = t.worker_id AND t.gone RETURNING h.worker_id
       )
       SELECT EXISTS (SELECT 1 FROM deleted) AS deleted, silent_seconds FROM target`,
      [staleAfterMs, workerId],
    );
    if (rows.length === 0) return { outcome: 'unknown' };
    return rows[0].deleted ? { outcome: 'forgotten' } : { outcome: 'live', silentSeconds: rows[0].silent_seconds };
  }
}
