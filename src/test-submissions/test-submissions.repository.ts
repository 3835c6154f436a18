import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { Actor } from '../event-store/event-store.port';
import type { TestOutcome } from './test-outcome';

export interface TestSubmissionRecord {
  readonly id: string;
  readonly directoryId: string;
  readonly dryRun: boolean;
  readonly outcome: TestOutcome;
  readonly actor: Actor;
  readonly createdAt: string;
}

interface Row {
  readonly id: string;
  readonly directory_id: string;
  readonly dry_run: boolean;
  readonly outcome: TestOutcome;
  readonly actor: Actor;
  readonly created_at: Date;
}

const COLUMNS = 'id, directory_id, dry_run, outcome, actor, created_at';

@Injectable()
export class TestSubmissionsRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  async insert(record: Omit<TestSubmissionRecord, 'createdAt'>): Promise<TestSubmissionRecord> {
    const { rows } = await this.database.pool.query<Row>(
      `INSERT INTO test_submissions (id, directory_id, dry_run, outcome, actor) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
       RETURNING ${COLUMNS}`,
      [record.id, record.directoryId, record.dryRun, JSON.stringify(record.outcome), JSON.stringify(record.actor)],
    );
    return toRecord(rows[0]);
  }

  async get(id: string): Promise<TestSubmissionRecord | null> {
    const { rows } = await this.database.pool.query<Row>(`SELECT ${COLUMNS} FROM test_submissions WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Newest first, optionally for one directory. */
  async recent(limit: number, directoryId: string | null): Promise<TestSubmissionRecord[]> {
    const { rows } = await this.database.pool.query<Row>(
      `SELECT ${COLUMNS} FROM test_submissions WHERE $2::text IS NULL OR directory_id = $2
       ORDER BY created_at DESC, id DESC LIMIT $1`,
      [limit, directoryId],
    );
    return rows.map(toRecord);
  }
}

function toRecord(row: Row): TestSubmissionRecord {
  return {
    id: row.id,
    directoryId: row.directory_id,
    dryRun: row.dry_run,
    outcome: row.outcome,
    actor: row.actor,
    createdAt: row.created_at.toISOString(),
  };
}
