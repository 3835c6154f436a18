import { randomUUID } from 'node:crypto';
import type { Checkpoint, EventStore, NewEvent } from '../../src/event-store/event-store.port';

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

export async function eventually(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
