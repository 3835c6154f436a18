import type { ProjectionStatus } from '../../projections/runtime/projection-host';
import { formatTable, truncate } from './text-table';

const HEADERS = ['name', 'code/live', 'gen', 'events', 'lag', 'state', 'rebuild', 'last error'];

/** `projections status`: one line per projection. */
export function formatProjectionStatus(statuses: readonly ProjectionStatus[]): string {
  const rows = statuses.map((s) => [
    s.name,
    `v${s.codeVersion}/v${s.liveVersion}${s.codeVersion === s.liveVersion ? '' : ' (rebuild due)'}`,
    `g${s.liveGeneration}`,
    s.eventsApplied,
    s.lag ? `${s.lag.events} ev, ${s.lag.seconds.toFixed(1)} s` : null,
    s.state === 'elsewhere' ? 'not run here' : s.state,
    rebuildText(s),
    s.lastError ? truncate(s.lastError, 60) : null,
  ]);
  return formatTable(HEADERS, rows);
}

function rebuildText(s: ProjectionStatus): string | null {
  if (s.rebuild) {
    const since = s.rebuild.startedAt ? ` since ${s.rebuild.startedAt.toISOString()}` : '';
    return `g${s.rebuild.generation}: ${s.rebuild.eventsApplied} events${since}`;
  }
  if (s.rebuildRequestedAt) return `requested ${s.rebuildRequestedAt.toISOString()}`;
  return s.lastRebuildAt ? `last ${s.lastRebuildAt.toISOString()}` : null;
}
