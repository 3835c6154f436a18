import { CURRENT_CUSTOMER_SQL } from '../../src/database/customer-scope';
import { isOneOf } from '../../src/event-store/event-decoding';
import { JOB_EVENT_TYPES, type JobEvent, type JobStatus, type OutcomeCounts } from '../../src/jobs/job.events';
import { applyKeyedRows, type KeyedRowsSpec } from '../runtime/keyed-rows';
import type { Projection } from '../runtime/projection';
import { applyJobStats, jobStatsTable } from './job-stats';
import { reopenedReason, requeuedReason } from '../../src/jobs/status-reason';

export interface JobRow {
  readonly id: string;
  readonly customer_id: string;
  readonly package_tier: string;
  readonly priority: string;
  readonly priority_level: number;
  readonly status: JobStatus;
  readonly status_reason: string | null;
  readonly business_name: string;
  readonly directory_count: number;
  readonly succeeded: number | null;
  readonly failed: number | null;
  readonly needs_manual: number | null;
  readonly skipped: number | null;
  readonly dead_lettered: number;
  readonly requeue_count: number;
  readonly created_at: string;
  readonly queued_at: string | null;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly updated_at: string;
  readonly version: number;
}

const COLUMNS: readonly (keyof JobRow)[] = [
  'id',
  'customer_id',
  'package_tier',
  'priority',
  'priority_level',
  'status',
  'status_reason',
  'business_name',
  'directory_count',
  'succeeded',
  'failed',
  'needs_manual',
  'skipped',
  'dead_lettered',
  'requeue_count',
  'created_at',
  'queued_at',
  'started_at',
  'finished_at',
  'updated_at',
  'version',
];

/** Lifecycle fields per event; the common ones (version, updated_at) are set in evolve. */
function change(row: JobRow, event: JobEvent, at: string): Partial<JobRow> {
  switch (event.type) {
    case 'JobCreated':
      return {};
    case 'JobQueued':
      return { status: 'queued', queued_at: row.queued_at ?? at };
    case 'JobStarted':
      return { status: 'in_progress', started_at: row.started_at ?? at };
    case 'JobRequeued':
      // A staff retry reopens a finished job: it is no longer finished.
      return { status: 'queued', requeue_count: row.requeue_count + 1, status_reason: requeuedReason(event.data), finished_at: null };
    case 'JobCompleted':
      return { status: 'complete', finished_at: at, ...counts(row, event.data.counts), status_reason: null };
    case 'JobFailed':
      return { status: 'failed', finished_at: at, ...counts(row, event.data.counts), status_reason: event.data.reason };
    // Job-level dead-letter records of earlier versions; newer counts come with the job's finish.
    case 'JobDeadLettered':
      return { dead_lettered: row.dead_lettered + 1 };
    case 'JobRedriven':
      return { status: 'queued', dead_lettered: Math.max(0, row.dead_lettered - event.data.directoryIds.length), finished_at: null };
    case 'JobReopened':
      return { status: 'in_progress', finished_at: null, status_reason: reopenedReason(event.data) };
    case 'JobCancelled':
      return { status: 'cancelled', finished_at: at, status_reason: event.data.reason };
    case 'JobStatusOverridden':
      return { status: event.data.to, status_reason: `override by ${event.data.staffId}: ${event.data.reason}` };
    default: {
      const unexpected: never = event;
      throw new Error(`jobs projection: unhandled ${(unexpected as JobEvent).type}`);
    }
  }
}

/** Counts recorded before dead letters were counted leave the live dead-letter count as it was. */
function counts(row: JobRow, c: OutcomeCounts): Partial<JobRow> {
  return {
    succeeded: c.succeeded,
    failed: c.failed,
    needs_manual: c.needsManual,
    skipped: c.skipped,
    dead_lettered: c.deadLettered ?? row.dead_lettered,
  };
}

function created(event: Extract<JobEvent, { type: 'JobCreated' }>, at: string, version: number): JobRow {
  const d = event.data;
  return {
    id: d.jobId,
    customer_id: d.customerId,
    package_tier: d.packageTier,
    priority: d.priority,
    priority_level: Number(d.priority.slice(1)),
    status: 'pending',
    status_reason: null,
    business_name: d.business.businessName,
    directory_count: d.directoryIds.length,
    succeeded: null,
    failed: null,
    needs_manual: null,
    skipped: null,
    dead_lettered: 0,
    requeue_count: 0,
    created_at: at,
    queued_at: null,
    started_at: null,
    finished_at: null,
    updated_at: at,
    version,
  };
}

export const jobsRows: KeyedRowsSpec<JobRow> = {
  table: 'jobs',
  columns: COLUMNS,
  guard: 'stream_version',
  keyOf: (event) => {
    const jobId = (event.data as { jobId?: unknown } | null)?.jobId;
    return event.streamId.startsWith('job-') && typeof jobId === 'string' ? jobId : null;
  },
  evolve: (row, event) => {
    if (!isOneOf<JobEvent>(JOB_EVENT_TYPES, event)) return null;
    const at = event.metadata.timestamp;
    if (event.type === 'JobCreated') return row ? null : created(event, at, event.streamVersion);
    if (!row) return null; // a lifecycle event without its JobCreated: nothing to attach it to
    return { ...row, ...change(row, event, at), updated_at: at, version: event.streamVersion };
  },
};

export const jobsProjection: Projection = {
  name: 'jobs',
  // 2: job_stats, the counts and duration histogram the metrics read.
  version: 2,
  handles: JOB_EVENT_TYPES,
  tables: [
    {
      name: 'jobs',
      customerRows: `customer_id = ${CURRENT_CUSTOMER_SQL}`,
      createSql: (t) => `CREATE TABLE ${t} (
        id text PRIMARY KEY, customer_id text NOT NULL, package_tier text NOT NULL, priority text NOT NULL,
        priority_level int NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'queued', 'in_progress', 'complete', 'failed', 'cancelled')),
        status_reason text, business_name text NOT NULL, directory_count int NOT NULL,
        succeeded int, failed int, needs_manual int, skipped int,
        dead_lettered int NOT NULL DEFAULT 0, requeue_count int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL, queued_at timestamptz, started_at timestamptz, finished_at timestamptz,
        updated_at timestamptz NOT NULL, version int NOT NULL);
      CREATE INDEX ${t}_created_at_idx ON ${t} (created_at DESC);
      CREATE INDEX ${t}_customer_idx ON ${t} (customer_id, created_at DESC);
      CREATE INDEX ${t}_status_idx ON ${t} (status);`,
    },
    jobStatsTable,
  ],
  apply: async (events, context) => applyJobStats(await applyKeyedRows(jobsRows, events, context), context),
};
