import { isOneOf } from '../../src/event-store/event-decoding';
import type { SubmissionEvent } from '../../src/submissions/submission.events';
import { applyKeyedRows, type KeyedRowsSpec } from '../runtime/keyed-rows';
import type { Projection } from '../runtime/projection';

/** What each worker has done, from the events it caused; liveness is worker_heartbeats' job. */
export interface WorkerRow {
  readonly id: string;
  readonly current_job_id: string | null;
  readonly current_directory_id: string | null;
  readonly attempts_started: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly needs_manual: number;
  readonly retries_scheduled: number;
  readonly last_event_at: string;
  readonly version: number;
}

const HANDLED = [
  'SubmissionAttemptStarted',
  'SubmissionSucceeded',
  'SubmissionFailed',
  'SubmissionRetryScheduled',
  'SubmissionNeedsManual',
] as const;
/** The rest say nothing about what a worker did (the scheduler, staff and the dead-letter monitor cause them). */
const IGNORED = ['SubmissionScheduled', 'SubmissionSkipped', 'SubmissionReopened', 'SubmissionDeadLettered', 'SubmissionRedriven'] as const;
const OUTCOME_COLUMN: Partial<Record<SubmissionEvent['type'], 'succeeded' | 'failed' | 'needs_manual' | 'retries_scheduled'>> = {
  SubmissionSucceeded: 'succeeded',
  SubmissionFailed: 'failed',
  SubmissionNeedsManual: 'needs_manual',
  SubmissionRetryScheduled: 'retries_scheduled',
};

export const workersRows: KeyedRowsSpec<WorkerRow> = {
  table: 'workers',
  columns: [
    'id',
    'current_job_id',
    'current_directory_id',
    'attempts_started',
    'succeeded',
    'failed',
    'needs_manual',
    'retries_scheduled',
    'last_event_at',
    'version',
  ],
  // Fed by every submission stream: the transactional checkpoint keeps it exactly-once.
  guard: 'none',
  keyOf: (event) => (event.metadata.actor.kind === 'worker' ? event.metadata.actor.id : null),
  evolve: (row, event) => {
    if (!isOneOf<SubmissionEvent>(HANDLED, event)) return null;
    const base: WorkerRow = row ?? {
      id: event.metadata.actor.id,
      current_job_id: null,
      current_directory_id: null,
      attempts_started: 0,
      succeeded: 0,
      failed: 0,
      needs_manual: 0,
      retries_scheduled: 0,
      last_event_at: event.metadata.timestamp,
      version: 0,
    };
    const next = { ...base, last_event_at: event.metadata.timestamp, version: base.version + 1 };
    if (event.type === 'SubmissionAttemptStarted') {
      return {
        ...next,
        attempts_started: base.attempts_started + 1,
        current_job_id: event.data.jobId,
        current_directory_id: event.data.directoryId,
      };
    }
    const column = OUTCOME_COLUMN[event.type];
    if (!column) return null;
    return { ...next, [column]: base[column] + 1, current_job_id: null, current_directory_id: null };
  },
};

export const workersProjection: Projection = {
  name: 'workers',
  version: 1,
  handles: HANDLED,
  ignores: IGNORED,
  tables: [
    {
      name: 'workers',
      createSql: (t) => `CREATE TABLE ${t} (
        id text PRIMARY KEY, current_job_id text, current_directory_id text,
        attempts_started int NOT NULL, succeeded int NOT NULL, failed int NOT NULL, needs_manual int NOT NULL,
        retries_scheduled int NOT NULL, last_event_at timestamptz NOT NULL, version int NOT NULL);`,
    },
  ],
  apply: async (events, context) => void (await applyKeyedRows(workersRows, events, context)),
};
