import { Inject, Injectable } from '@nestjs/common';
import { DatabaseError } from 'pg';
import type { Reader } from '../database/customer-scope';
import { Database } from '../database/database';
import type { Actor } from '../event-store/event-store.port';
import type { RunRequest, RunRequestStatus } from './run-request';

interface Row {
  readonly id: string;
  readonly customer_id: string;
  readonly status: RunRequestStatus;
  readonly requested_by: Actor;
  readonly requested_at: Date;
  readonly decided_by: Actor | null;
  readonly decided_at: Date | null;
  readonly reason: string | null;
  readonly job_id: string | null;
}

export interface NewRunRequest {
  readonly id: string;
  readonly customerId: string;
  readonly idempotencyKey: string | null;
  readonly requestedBy: Actor;
  readonly requestedAt: Date;
}

export interface RunRequestFilter {
  readonly customerId: string | null;
  readonly status: RunRequestStatus | null;
}

const COLUMNS = 'id, customer_id, status, requested_by, requested_at, decided_by, decided_at, reason, job_id';
const UNIQUE_VIOLATION = '23505';

/** The run_requests table (migration 025). Reads take a Reader so a customer's run in its scope. */
@Injectable()
export class RunRequestsRepository {
  constructor(@Inject(Database) private readonly database: Pick<Database, 'pool'>) {}

  /** Null when the customer already has a pending request or used this key (a unique index said so). */
  async insert(request: NewRunRequest): Promise<RunRequest | null> {
    try {
      const { rows } = await this.database.pool.query<Row>(
        `INSERT INTO run_requests (id, customer_id, status, idempotency_key, requested_by, requested_at)
         VALUES ($1, $2, 'pending', $3, $4, $5) RETURNING ${COLUMNS}`,
        [request.id, request.customerId, request.idempotencyKey, JSON.stringify(request.requestedBy), request.requestedAt],
      );
      return toRunRequest(rows[0]);
    } catch (error) {
      if (error instanceof DatabaseError && error.code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  async findById(id: string, reader: Reader = this.database.pool): Promise<RunRequest | null> {
    const { rows } = await reader.query<Row>(`SELECT ${COLUMNS} FROM run_requests WHERE id = $1`, [id]);
    return rows[0] ? toRunRequest(rows[0]) : null;
  }

  async findByKey(customerId: string, idempotencyKey: string): Promise<RunRequest | null> {
    const { rows } = await this.database.pool.query<Row>(
      `SELECT ${COLUMNS} FROM run_requests WHERE customer_id = $1 AND idempotency_key = $2`,
      [customerId, idempotencyKey],
    );
    return rows[0] ? toRunRequest(rows[0]) : null;
  }

  async findPending(customerId: string): Promise<RunRequest | null> {
    const { rows } = await this.database.pool.query<Row>(
      `SELECT ${COLUMNS} FROM run_requests WHERE customer_id = $1 AND status = 'pending'`,
      [customerId],
    );
    return rows[0] ? toRunRequest(rows[0]) : null;
  }

  /** Oldest first (the order staff decide in); `after` is the last id of the previous page. */
  async list(reader: Reader, filter: RunRequestFilter, limit: number, after: string | null): Promise<RunRequest[]> {
    const { rows } = await reader.query<Row>(
      `SELECT ${COLUMNS} FROM run_requests
       WHERE ($1::text IS NULL OR customer_id = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::uuid IS NULL OR (requested_at, id) > (SELECT requested_at, id FROM run_requests WHERE id = $3))
       ORDER BY requested_at, id LIMIT $4`,
      [filter.customerId, filter.status, after, limit],
    );
    return rows.map(toRunRequest);
  }

  /** Null when it was no longer pending (decided by someone else meanwhile). */
  async approve(id: string, jobId: string, decidedBy: Actor, at: Date): Promise<RunRequest | null> {
    return this.decide(id, 'approved', { job_id: jobId, reason: null }, decidedBy, at);
  }

  async reject(id: string, reason: string, decidedBy: Actor, at: Date): Promise<RunRequest | null> {
    return this.decide(id, 'rejected', { job_id: null, reason }, decidedBy, at);
  }

  private async decide(
    id: string,
    status: RunRequestStatus,
    outcome: { job_id: string | null; reason: string | null },
    decidedBy: Actor,
    at: Date,
  ): Promise<RunRequest | null> {
    const { rows } = await this.database.pool.query<Row>(
      `UPDATE run_requests SET status = $2, job_id = $3, reason = $4, decided_by = $5, decided_at = $6
       WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
      [id, status, outcome.job_id, outcome.reason, JSON.stringify(decidedBy), at],
    );
    return rows[0] ? toRunRequest(rows[0]) : null;
  }
}

function toRunRequest(row: Row): RunRequest {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    reason: row.reason,
    jobId: row.job_id,
  };
}
