import type { JobStateAt } from '../audit/job-state-at';
import type { TimelineEntry } from '../audit/job-timeline';
import { formatTable, truncate } from './text-table';

const TIMELINE_HEADERS = ['position', 'time', 'stream', 'type', 'actor', 'attempt', 'delay', 'error class', 'message'];

/** `audit timeline`: one line per event, in global order. */
export function formatTimeline(jobId: string, entries: readonly TimelineEntry[]): string {
  const rows = entries.map((e) => [
    e.position,
    e.at,
    e.stream.startsWith('job-') ? 'job' : `submission ${e.directoryId ?? e.stream}`,
    e.type,
    `${e.actor.kind}:${e.actor.id}`,
    e.attempt,
    e.delayMs === undefined ? null : `${(e.delayMs / 1000).toFixed(1)} s`,
    e.errorClass,
    e.message === undefined ? null : truncate(e.message, 60),
  ]);
  return `job ${jobId}: ${entries.length} events\n${formatTable(TIMELINE_HEADERS, rows)}`;
}

/** `audit state`: the job's fields, then its submissions, as they stood. */
export function formatJobStateAt(state: JobStateAt): string {
  const { job, lastEvent: last } = state;
  const asOf = 'position' in state.asOf ? `position ${state.asOf.position}` : state.asOf.at;
  const counts = job.counts
    ? `${job.counts.succeeded} succeeded, ${job.counts.failed} failed, ${job.counts.needsManual} needs manual, ${job.counts.skipped} skipped`
    : '-';
  const lines = [
    `job ${job.jobId} as of ${asOf}`,
    `  last event:    #${last.position} ${last.type} on ${last.stream} at ${last.at}`,
    `  status:        ${job.status}${job.statusReason ? ` (${job.statusReason})` : ''}`,
    `  customer:      ${job.customerId} (${job.businessName})`,
    `  tier/priority: ${job.packageTier ?? '-'}/${job.priority ?? '-'}   version: ${job.version}`,
    `  counts:        ${counts}`,
    `  dead-lettered: ${job.deadLettered.length > 0 ? job.deadLettered.join(', ') : '-'}`,
    '',
  ];
  const rows = state.submissions.map((s) => [
    s.directoryId,
    s.status,
    s.attempts,
    s.lastError ? `${s.lastError.errorClass}: ${truncate(s.lastError.message, 60)}` : null,
  ]);
  return [...lines, formatTable(['directory', 'status', 'attempts', 'last error'], rows)].join('\n');
}
