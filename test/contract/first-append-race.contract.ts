import type { Checkpoint, EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { headCheckpoint, uniqueStream, waitUntilReadable } from '../support/event-store-fixtures';

const STREAMS = 200;
const WRITERS_PER_STREAM = 3;

/**
 * Readers in global order (projections, reactions) drop an event whose stream version is not the
 * next one, so version order must be global order even when a stream's first appends race.
 */
export function describeFirstAppendRaceContract(store: () => EventStore): void {
  describe('first appends racing', () => {
    it('concurrent first appends with "any": for every stream, global read order agrees with stream version order', async () => {
      const head = await headCheckpoint(store());
      const streams = Array.from({ length: STREAMS }, () => uniqueStream('first-race'));
      const mine = new Set(streams);
      // A stream's writers sit side by side, so they run at the same moment on different connections.
      await Promise.all(
        streams.flatMap((stream) =>
          Array.from({ length: WRITERS_PER_STREAM }, (_, writer) =>
            store().appendToStream(stream, [{ type: 'Raced', data: { writer } }], { expectedVersion: 'any' }),
          ),
        ),
      );
      const total = STREAMS * WRITERS_PER_STREAM;
      await waitUntilReadable(store(), head, total, (e) => mine.has(e.streamId));
      const seen = (await readAllAfter(store(), head)).filter((e) => mine.has(e.streamId));
      expect(seen).toHaveLength(total);
      const outOfOrder = versionsOutOfOrder(seen);
      expect(outOfOrder).toEqual([]);
    });
  });
}

async function readAllAfter(store: EventStore, after: Checkpoint | null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let from = after; ;) {
    const page = await store.readAll({ after: from, maxCount: 1000 });
    events.push(...page.events);
    if (page.events.length === 0 || page.isEnd) return events;
    from = page.checkpoint;
  }
}

/** Each stream's versions in the order a global reader met them, for the streams where it was not 1, 2, 3… */
function versionsOutOfOrder(events: readonly RecordedEvent[]): string[] {
  const byStream = new Map<string, number[]>();
  for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.streamVersion]);
  return [...byStream]
    .filter(([, versions]) => versions.some((v, i) => v !== i + 1))
    .map(([id, versions]) => `${id}: ${versions.join(',')}`);
}
