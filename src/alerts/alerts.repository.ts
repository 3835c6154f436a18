import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { AlertCondition, OpenAlert } from './alert-transitions';
import type { AlertChannel, AlertState, AlertView, UndeliveredAlert } from './alert-view';

const VIEW = `id::text, rule, key, severity, state, summary, value, threshold,
  to_char(fired_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "firedAt",
  to_char(resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "resolvedAt"`;

/** The alerts table (migration 028): what fired and resolved, and what each still owes the webhooks. */
@Injectable()
export class AlertsRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  async open(): Promise<OpenAlert[]> {
    const { rows } = await this.database.pool.query<OpenAlert>(`SELECT id::text, rule, key FROM alerts WHERE state = 'firing'`);
    return rows;
  }

  /** False when it is already recorded as firing (another evaluator got there first). */
  async fire(condition: AlertCondition, channels: readonly AlertChannel[], at: Date): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `INSERT INTO alerts (id, rule, key, severity, state, summary, value, threshold, fired_at, fire_pending)
       VALUES ($1, $2, $3, $4, 'firing', $5, $6, $7, $8, $9)
       ON CONFLICT (rule, key) WHERE state = 'firing' DO NOTHING`,
      [
        randomUUID(),
        condition.rule,
        condition.key,
        condition.severity,
        condition.summary,
        condition.value,
        condition.threshold,
        at,
        channels,
      ],
    );
    return rowCount === 1;
  }

  async resolve(id: string, channels: readonly AlertChannel[], at: Date): Promise<boolean> {
    const { rowCount } = await this.database.pool.query(
      `UPDATE alerts SET state = 'resolved', resolved_at = $2, resolve_pending = $3 WHERE id = $1 AND state = 'firing'`,
      [id, at, channels],
    );
    return rowCount === 1;
  }

  /** Newest first. */
  async list(state: AlertState | 'all', limit: number): Promise<AlertView[]> {
    const { rows } = await this.database.pool.query<AlertView>(
      `SELECT ${VIEW} FROM alerts WHERE $1 = 'all' OR state = $1 ORDER BY fired_at DESC, id DESC LIMIT $2`,
      [state, limit],
    );
    return rows;
  }

  /** Oldest first, transitions since `since` only: a webhook down for a day does not get a day's backlog. */
  async undelivered(since: Date, limit: number): Promise<UndeliveredAlert[]> {
    const { rows } = await this.database.pool.query<UndeliveredAlert>(
      `SELECT ${VIEW}, fire_pending AS "firePending", resolve_pending AS "resolvePending" FROM alerts
       WHERE (fire_pending <> '{}' OR resolve_pending <> '{}') AND coalesce(resolved_at, fired_at) >= $1
       ORDER BY fired_at, id LIMIT $2`,
      [since, limit],
    );
    return rows;
  }

  async delivered(id: string, phase: 'fire' | 'resolve', channel: AlertChannel): Promise<void> {
    const column = phase === 'fire' ? 'fire_pending' : 'resolve_pending';
    await this.database.pool.query(`UPDATE alerts SET ${column} = array_remove(${column}, $2), delivery_error = NULL WHERE id = $1`, [
      id,
      channel,
    ]);
  }

  async deliveryFailed(id: string, problem: string): Promise<void> {
    await this.database.pool.query(`UPDATE alerts SET delivery_error = $2 WHERE id = $1`, [id, problem]);
  }
}
