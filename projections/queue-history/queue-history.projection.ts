import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { JOB_EVENT_TYPES } from '../../src/jobs/job.events';
import { SUBMISSION_EVENT_TYPES } from '../../src/submissions/submission.events';
import type { Projection } from '../runtime/projection';

interface HistoryRow {
  readonly position: string;
  readonly stream_id: string;
  readonly job_id: string;
  readonly directory_id: string | null;
  readonly event: string;
  readonly attempt: number | null;
  readonly delay_ms: number | null;
  readonly error_class: string | null;
  readonly actor: string;
  readonly details: unknown;
  readonly created_at: string;
}

/** The seed's audit trail, with each retry's attempt number and delay (docs/requirements.md R-RETRY-4), one row per event. */
export function toHistoryRow(event: RecordedEvent): HistoryRow | null {
  const data = event.data as Record<string, unknown>;
  if (typeof data.jobId !== 'string') return null;
  const number = (key: string): number | null => (typeof data[key] === 'number' ? data[key] : null);
  const { actor } = event.metadata;
  return {
    position: event.globalPosition.toString(),
    stream_id: event.streamId,
    job_id: data.jobId,
    directory_id: typeof data.directoryId === 'string' ? data.directoryId : null,
    event: event.type,
    attempt: number('attempt'),
    delay_ms: number('delayMs'),
    error_class: typeof data.errorClass === 'string' ? data.errorClass : null,
    actor: `${actor.kind}:${actor.id}`,
    details: data,
    created_at: event.metadata.timestamp,
  };
}

export const queueHistoryProjection: Projection = {
  name: 'queue_history',
  version: 1,
  handles: [...JOB_EVENT_TYPES, ...SUBMISSION_EVENT_TYPES],
  tables: [
    {
      name: 'queue_history',
      customerRows: 'customer_owns_job(job_id)',
      createSql: (t) => `CREATE TABLE ${t} (
        position bigint PRIMARY KEY, stream_id text NOT NULL, job_id text NOT NULL, directory_id text,
        event text NOT NULL, attempt int, delay_ms int, error_class text, actor text NOT NULL,
        details jsonb NOT NULL, created_at timestamptz NOT NULL);
      CREATE INDEX ${t}_job_idx ON ${t} (job_id, position);
      CREATE INDEX ${t}_created_at_idx ON ${t} (created_at);`,
    },
  ],
  apply: async (events, context) => {
    const rows = events.map(toHistoryRow).filter((row) => row !== null);
    if (rows.length === 0) return;
    const table = context.table('queue_history');
    // Append-only; the position key makes a replayed event a no-op. Events older than the
    // retention horizon were archived (src/retention): a rebuild or verify must not bring them
    // back. The horizon is read once per page, in this transaction, and compared in SQL so
    // timestamps compare at full precision.
    await context.client.query(
      `INSERT INTO ${table} SELECT r.* FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) r
       WHERE r.created_at >= coalesce((SELECT queue_history_archived_before FROM retention_state), '-infinity')
       ON CONFLICT (position) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  },
};
