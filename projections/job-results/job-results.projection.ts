import { isOneOf } from '../../src/event-store/event-decoding';
import { SUBMISSION_EVENT_TYPES, type SubmissionEvent, type SubmissionStatus } from '../../src/submissions/submission.events';
import { applyKeyedRows, type KeyedRowsSpec } from '../runtime/keyed-rows';
import type { Projection } from '../runtime/projection';

export interface JobResultRow {
  readonly id: string;
  readonly job_id: string;
  readonly directory_id: string;
  readonly idempotency_key: string;
  readonly priority: string;
  readonly status: SubmissionStatus;
  readonly attempts: number;
  readonly worker_id: string | null;
  readonly listing_url: string | null;
  readonly evidence_path: string | null;
  readonly last_error_class: string | null;
  readonly last_error: string | null;
  readonly retry_delay_ms: number | null;
  readonly manual_reason: string | null;
  /** 'duplicate' (the site said so) or 'already-submitted' (an earlier job's submission, below). */
  readonly skip_reason: string | null;
  readonly earlier_job_id: string | null;
  readonly earlier_accepted_at: string | null;
  readonly earlier_listing_url: string | null;
  readonly earlier_evidence_path: string | null;
  readonly scheduled_at: string;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly updated_at: string;
  readonly version: number;
}

const COLUMNS: readonly (keyof JobResultRow)[] = [
  'id',
  'job_id',
  'directory_id',
  'idempotency_key',
  'priority',
  'status',
  'attempts',
  'worker_id',
  'listing_url',
  'evidence_path',
  'last_error_class',
  'last_error',
  'retry_delay_ms',
  'manual_reason',
  'skip_reason',
  'earlier_job_id',
  'earlier_accepted_at',
  'earlier_listing_url',
  'earlier_evidence_path',
  'scheduled_at',
  'started_at',
  'finished_at',
  'updated_at',
  'version',
];

function change(row: JobResultRow, event: SubmissionEvent, at: string): Partial<JobResultRow> {
  switch (event.type) {
    case 'SubmissionScheduled':
      return {};
    case 'SubmissionAttemptStarted':
      return { status: 'in_progress', attempts: event.data.attempt, worker_id: event.data.workerId, started_at: row.started_at ?? at };
    case 'SubmissionSucceeded':
      return { status: 'succeeded', listing_url: event.data.listingUrl, evidence_path: event.data.evidencePath, finished_at: at };
    case 'SubmissionFailed':
      return {
        status: 'failed',
        last_error_class: event.data.errorClass,
        last_error: event.data.message,
        evidence_path: event.data.evidencePath ?? row.evidence_path,
        finished_at: at,
      };
    case 'SubmissionRetryScheduled':
      return {
        status: 'retry_scheduled',
        last_error_class: event.data.errorClass,
        last_error: event.data.message,
        retry_delay_ms: event.data.delayMs,
      };
    case 'SubmissionNeedsManual':
      return { status: 'needs_manual', manual_reason: event.data.reason, evidence_path: event.data.evidencePath, finished_at: at };
    case 'SubmissionSkipped': {
      const earlier = event.data.earlier;
      return {
        status: 'skipped',
        finished_at: at,
        skip_reason: event.data.reason ?? 'duplicate',
        earlier_job_id: earlier?.jobId ?? null,
        earlier_accepted_at: earlier?.acceptedAt ?? null,
        earlier_listing_url: earlier?.listingUrl ?? null,
        earlier_evidence_path: earlier?.evidencePath ?? null,
      };
    }
    case 'SubmissionReopened':
      // The last error stays for reference until the next attempt overwrites it.
      return { status: 'scheduled', manual_reason: null, retry_delay_ms: null, finished_at: null };
    case 'SubmissionDeadLettered':
      return { status: 'dead_lettered', last_error: event.data.reason, retry_delay_ms: null, finished_at: at };
    case 'SubmissionRedriven':
      return { status: 'scheduled', finished_at: null };
    default: {
      const unexpected: never = event;
      throw new Error(`job_results projection: unhandled ${(unexpected as SubmissionEvent).type}`);
    }
  }
}

export const jobResultsRows: KeyedRowsSpec<JobResultRow> = {
  table: 'job_results',
  columns: COLUMNS,
  guard: 'stream_version',
  keyOf: (event) => {
    if (!event.streamId.startsWith('submission-')) return null;
    const { jobId, directoryId } = (event.data ?? {}) as { jobId?: unknown; directoryId?: unknown };
    return typeof jobId === 'string' && typeof directoryId === 'string' ? `${jobId}:${directoryId}` : null;
  },
  evolve: (row, event) => {
    if (!isOneOf<SubmissionEvent>(SUBMISSION_EVENT_TYPES, event)) return null;
    const at = event.metadata.timestamp;
    if (event.type === 'SubmissionScheduled') {
      if (row) return null;
      const d = event.data;
      return {
        id: `${d.jobId}:${d.directoryId}`,
        job_id: d.jobId,
        directory_id: d.directoryId,
        idempotency_key: d.idempotencyKey,
        priority: d.priority,
        status: 'scheduled',
        attempts: 0,
        worker_id: null,
        listing_url: null,
        evidence_path: null,
        last_error_class: null,
        last_error: null,
        retry_delay_ms: null,
        manual_reason: null,
        skip_reason: null,
        earlier_job_id: null,
        earlier_accepted_at: null,
        earlier_listing_url: null,
        earlier_evidence_path: null,
        scheduled_at: at,
        started_at: null,
        finished_at: null,
        updated_at: at,
        version: event.streamVersion,
      };
    }
    if (!row) return null;
    return { ...row, ...change(row, event, at), updated_at: at, version: event.streamVersion };
  },
};

export const jobResultsProjection: Projection = {
  name: 'job_results',
  // 2: the skip reason and the earlier submission an 'already-submitted' skip points to.
  // 3: an index on updated_at, so the recent submissions (scaling throughput, alert error rate) are a range read.
  version: 3,
  handles: SUBMISSION_EVENT_TYPES,
  tables: [
    {
      name: 'job_results',
      customerRows: 'customer_owns_job(job_id)',
      createSql: (t) => `CREATE TABLE ${t} (
        id text PRIMARY KEY, job_id text NOT NULL, directory_id text NOT NULL,
        idempotency_key text NOT NULL CONSTRAINT ${t}_idempotency_key_key UNIQUE,
        priority text NOT NULL, status text NOT NULL, attempts int NOT NULL DEFAULT 0, worker_id text,
        listing_url text, evidence_path text, last_error_class text, last_error text, retry_delay_ms int,
        manual_reason text, skip_reason text, earlier_job_id text, earlier_accepted_at timestamptz, earlier_listing_url text,
        earlier_evidence_path text, scheduled_at timestamptz NOT NULL, started_at timestamptz, finished_at timestamptz,
        updated_at timestamptz NOT NULL, version int NOT NULL);
      CREATE INDEX ${t}_job_idx ON ${t} (job_id, directory_id);
      CREATE INDEX ${t}_status_idx ON ${t} (status);
      CREATE INDEX ${t}_updated_at_idx ON ${t} (updated_at);`,
    },
  ],
  apply: async (events, context) => void (await applyKeyedRows(jobResultsRows, events, context)),
};
