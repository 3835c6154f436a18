import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { eventually } from './eventually';

/**
 * Every event stored, once all are readable. readAll only returns events below the oldest
 * transaction running on the server, and other suites run beside this one: a test that needs
 * the whole log (a rebuild, an export) waits for it first. Readable stays readable.
 */
export async function allReadable(pool: Pool, store: EventStore, timeoutMs = 20_000): Promise<RecordedEvent[]> {
  const written = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
  const all: RecordedEvent[] = [];
  let after: string | null = null;
  await eventually(
    async () => {
      for (let atEnd = false; all.length < written && !atEnd;) {
        const page = await store.readAll({ after, maxCount: 1000 });
        all.push(...page.events);
        after = page.checkpoint;
        atEnd = page.isEnd;
      }
      if (all.length < written) throw new Error(`only ${all.length} of ${written} events readable`);
      return true;
    },
    { timeoutMs, intervalMs: 50, message: `all ${written} events to be readable` },
  );
  return all;
}
