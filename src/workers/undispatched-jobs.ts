import type { Pool } from 'pg';
import type { EventStore } from '../event-store/event-store.port';
import { CheckpointStore } from '../processing/checkpoint-store';
import { DISPATCHED_EVENT_TYPES } from '../submission-flow/dispatcher.reaction';

/** How far past the dispatcher's checkpoint the sweeper looks before it calls the dispatcher "far behind". */
const SCAN_LIMIT = 1000;

/**
 * Jobs with an event the dispatcher has not sent yet (their messages are on the way, not lost),
 * or 'behind' when the dispatcher trails the log by more than the scan: then any open submission
 * may have a message in transit, and requeuing it now would send it twice.
 */
export async function undispatchedJobs(pool: Pool, store: EventStore, dispatcher = 'dispatcher'): Promise<ReadonlySet<string> | 'behind'> {
  const after = await new CheckpointStore(pool).load(dispatcher);
  const page = await store.readAll({ after, maxCount: SCAN_LIMIT, eventTypes: DISPATCHED_EVENT_TYPES });
  if (!page.isEnd) return 'behind';
  return new Set(page.events.flatMap((event) => jobIdOf(event.data)));
}

function jobIdOf(data: unknown): string[] {
  return typeof data === 'object' && data !== null && 'jobId' in data && typeof data.jobId === 'string' ? [data.jobId] : [];
}
