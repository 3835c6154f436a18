import type { Pool } from 'pg';
import type { RetentionConfig } from '../config/app-config';
import { deleteOldArchive } from './archive-cleanup';
import { cleanJobProgress, type JobProgressCleanup } from './job-progress-cleanup';
import { cleanListingRecords } from './listing-record-cleanup';
import { archiveFilePath, NdjsonArchiveFile } from './ndjson-archive-file';
import { archiveQueueHistory } from './queue-history-archiver';

export interface RetentionSettings {
  readonly retention: RetentionConfig;
  readonly idempotencyWindowDays: number;
  readonly dataDir: string;
}

export interface RetentionReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly queueHistory: {
    readonly horizon: string;
    readonly archived: number;
    readonly tables: readonly string[];
    readonly ndjsonFile: string | null;
  };
  readonly archiveDeleted: { readonly olderThanDays: number; readonly rows: number };
  readonly jobProgress: JobProgressCleanup & { readonly finishedMoreThanDays: number };
  /** Duplicate-suppression records (listing_submissions) older than the idempotency window, deleted. */
  readonly listingRecords: { readonly rows: number; readonly olderThanDays: number };
}

export interface RetentionPassOptions {
  /** Rows per transaction; keeps each one short (PGlite) and under the statement timeout. */
  readonly batchSize?: number;
  readonly jobBatchSize?: number;
  readonly now?: () => Date;
}

/**
 * One retention pass (docs/requirements.md R-RET-2, R-RET-3, R-DEDUPE-5): archive old queue_history, delete old
 * archive, clean job progress and duplicate-suppression records.
 */
export async function runRetentionPass(
  pool: Pool,
  settings: RetentionSettings,
  options: RetentionPassOptions = {},
): Promise<RetentionReport> {
  const started = (options.now ?? (() => new Date()))();
  const batchSize = options.batchSize ?? 5000;
  const { retention } = settings;
  const ndjson = retention.ndjson ? new NdjsonArchiveFile(archiveFilePath(settings.dataDir, started)) : null;
  const archived = await archiveQueueHistory(pool, retention.archiveAfterDays, batchSize, ndjson);
  const deleted = await deleteOldArchive(pool, retention.deleteArchivedAfterDays, batchSize);
  const jobProgress = await cleanJobProgress(pool, settings.idempotencyWindowDays, options.jobBatchSize ?? 500);
  const listingRows = await cleanListingRecords(pool, settings.idempotencyWindowDays, batchSize);
  await pool.query('UPDATE retention_state SET last_run_at = now()');
  return {
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    queueHistory: {
      horizon: archived.horizon.toISOString(),
      archived: archived.moved,
      tables: archived.tables,
      ndjsonFile: archived.ndjsonFile,
    },
    archiveDeleted: { olderThanDays: retention.deleteArchivedAfterDays, rows: deleted },
    jobProgress: { ...jobProgress, finishedMoreThanDays: settings.idempotencyWindowDays },
    listingRecords: { rows: listingRows, olderThanDays: settings.idempotencyWindowDays },
  };
}

/** The report as a few lines for people (CLI output, log line). */
export function describeRetentionReport(report: RetentionReport): string[] {
  const { queueHistory: q, archiveDeleted: d, jobProgress: j, listingRecords: l } = report;
  const from = q.tables.length > 0 ? ` (from ${q.tables.join(', ')})` : ' (queue_history is not installed)';
  return [
    `retention pass at ${report.startedAt}, ${report.durationMs} ms`,
    `queue_history: ${q.archived} row(s) created before ${q.horizon} moved to queue_history_archive${from}`,
    ...(q.ndjsonFile ? [`ndjson: appended to ${q.ndjsonFile}`] : []),
    `queue_history_archive: ${d.rows} row(s) older than ${d.olderThanDays} days deleted`,
    `job progress: bookkeeping of ${j.jobs} job(s) (${j.submissions} submission row(s)) finished more than ${j.finishedMoreThanDays} days ago removed`,
    `listing_submissions: ${l.rows} duplicate-suppression record(s) older than ${l.olderThanDays} days deleted`,
  ];
}
