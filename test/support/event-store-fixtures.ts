import { randomUUID } from 'node:crypto';
import type { Checkpoint, EventStore, NewEvent, RecordedEvent } from '../../src/event-store/event-store.port';
import { eventually } from './eventually';

export function uniqueStream(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function someEvents(count: number, type = 'SomethingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({ type, data: { n: i + 1 } }));
}

/** The checkpoint after everything currently readable, so a test only sees its own events. */
export async function headCheckpoint(store: EventStore): Promise<Checkpoint | null> {
  let after: Checkpoint | null = null;
  for (;;) {
    const page = await store.readAll({ after, maxCount: 1000 });
    if (page.events.length === 0) return after;
    after = page.checkpoint;
  }
}

/**
 * Waits until `count` events matching `mine` are readable after `after`. readAll only returns
 * events below the oldest transaction running anywhere on the server, so what a test just wrote
 * can be held back a moment by unrelated work; readable, it stays readable.
 */
export async function waitUntilReadable(
  store: EventStore,
  after: Checkpoint | null,
  count: number,
  mine: (event: RecordedEvent) => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  let seen = 0;
  let from = after;
  await eventually(
    async () => {
      for (let atEnd = false; seen < count && !atEnd;) {
        const page = await store.readAll({ after: from, maxCount: 1000 });
        seen += page.events.filter(mine).length;
        from = page.checkpoint;
        atEnd = page.isEnd;
      }
      if (seen < count) throw new Error(`only ${seen} of ${count} events readable`);
      return true;
    },
    { timeoutMs, intervalMs: 25, message: `${count} events to be readable` },
  );
}
