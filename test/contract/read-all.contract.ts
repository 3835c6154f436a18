import { InvalidCheckpointError } from '../../src/event-store/event-store.errors';
import type { Checkpoint, EventStore, RecordedEvent } from '../../src/event-store/event-store.port';
import { headCheckpoint, someEvents, uniqueStream, waitUntilReadable } from '../support/event-store-fixtures';
import { eventually } from '../support/eventually';

/** readAll paging and subscriptions: catch-up, live, stop, resume. */
export function describeReadAllAndSubscriptionContract(store: () => EventStore): void {
  describe('readAll', () => {
    it('pages through the global log in order without repeats or gaps', async () => {
      const head = await headCheckpoint(store());
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      for (let round = 0; round < 4; round++) {
        for (const stream of streams) await store().appendToStream(stream, someEvents(2), { expectedVersion: 'any' });
      }
      await waitUntilReadable(store(), head, 24, (e) => streams.includes(e.streamId));
      const seen: RecordedEvent[] = [];
      let after: Checkpoint | null = head;
      for (;;) {
        const page = await store().readAll({ after, maxCount: 5 });
        expect(page.events.length).toBeLessThanOrEqual(5);
        if (page.events.length === 0) {
          expect(page.checkpoint).toBe(after);
          break;
        }
        seen.push(...page.events);
        after = page.checkpoint;
      }
      expect(seen).toHaveLength(24);
      const positions = seen.map((e) => e.globalPosition);
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
      for (const stream of streams) {
        expect(seen.filter((e) => e.streamId === stream).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      }
    });

    it('filters by event type while the checkpoint moves past what did not match', async () => {
      const head = await headCheckpoint(store());
      const stream = uniqueStream('filter');
      const mixed = ['Kept', 'Dropped', 'Dropped', 'Kept', 'Dropped'].map((type, i) => ({ type, data: { i } }));
      await store().appendToStream(stream, mixed, { expectedVersion: 'no_stream' });
      await waitUntilReadable(store(), head, 5, (e) => e.streamId === stream);
      const first = await store().readAll({ after: head, maxCount: 3, eventTypes: ['Kept'] });
      expect(first.events.map((e) => e.data)).toEqual([{ i: 0 }]);
      expect(first.isEnd).toBe(false);
      const second = await store().readAll({ after: first.checkpoint, maxCount: 3, eventTypes: ['Kept'] });
      expect(second.events.map((e) => e.data)).toEqual([{ i: 3 }]);
      expect(second.isEnd).toBe(true);
      const tail = await store().readAll({ after: second.checkpoint, eventTypes: ['Kept'] });
      expect(tail).toEqual({ events: [], checkpoint: second.checkpoint, isEnd: true });
      const all = await store().readAll({ after: head });
      expect(second.checkpoint).toBe(all.events[all.events.length - 1].checkpoint);
    });

    it('refuses a checkpoint it did not write', async () => {
      await expect(store().readAll({ after: 'not-a-checkpoint' })).rejects.toBeInstanceOf(InvalidCheckpointError);
    });
  });

  describe('subscribeToAll', () => {
    it('catches up, goes live, stops, and resumes from its checkpoint', async () => {
      const head = await headCheckpoint(store());
      const stream = uniqueStream('sub');
      await store().appendToStream(stream, someEvents(5), { expectedVersion: 'no_stream' });

      const received: RecordedEvent[] = [];
      const mine = (e: RecordedEvent): boolean => e.streamId === stream;
      const first = store().subscribeToAll({ from: head, handler: async (e) => void (mine(e) && received.push(e)) });
      await eventually(() => received.length === 5 && first.isLive, { timeoutMs: 10_000, intervalMs: 20, message: 'catch-up' });

      await store().appendToStream(stream, someEvents(3), { expectedVersion: 5 });
      await eventually(() => received.length === 8, { timeoutMs: 10_000, intervalMs: 20, message: 'live events' });
      await first.stop();
      const resumeFrom = first.checkpoint;
      expect(resumeFrom).toBe(received[7].checkpoint);

      await store().appendToStream(stream, someEvents(2), { expectedVersion: 8 });
      const resumed: RecordedEvent[] = [];
      const second = store().subscribeToAll({ from: resumeFrom, handler: async (e) => void (mine(e) && resumed.push(e)) });
      await eventually(() => resumed.length === 2, { timeoutMs: 10_000, intervalMs: 20, message: 'resumed events' });
      await second.stop();
      expect(received.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(resumed.map((e) => e.streamVersion)).toEqual([9, 10]);
    });

    it('delivers filtered pages with their checkpoint to a batch handler', async () => {
      const head = await headCheckpoint(store());
      const stream = uniqueStream('batch');
      await store().appendToStream(
        stream,
        ['A', 'B', 'A', 'B'].map((type) => ({ type, data: {} })),
        { expectedVersion: 'no_stream' },
      );
      await waitUntilReadable(store(), head, 4, (e) => e.streamId === stream);
      const pages: { types: string[]; checkpoint: string | null }[] = [];
      const subscription = store().subscribeToAll({
        from: head,
        eventTypes: ['B'],
        batchSize: 2,
        handleBatch: async (events, checkpoint) => void pages.push({ types: events.map((e) => e.type), checkpoint }),
      });
      const { events } = await store().readStream(stream);
      await eventually(() => subscription.checkpoint === events[3].checkpoint, {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: 'batch subscription to reach the end',
      });
      await subscription.stop();
      expect(pages.flatMap((p) => p.types)).toEqual(['B', 'B']);
      expect(pages[pages.length - 1].checkpoint).toBe(events[3].checkpoint);
    });

    it('stops on a handler error, reports it, and keeps the checkpoint before the failing event', async () => {
      const head = await headCheckpoint(store());
      const stream = uniqueStream('sub-fail');
      await store().appendToStream(stream, someEvents(3), { expectedVersion: 'no_stream' });
      const errors: unknown[] = [];
      const handled: number[] = [];
      const subscription = store().subscribeToAll({
        from: head,
        onError: (error) => errors.push(error),
        handler: async (e) => {
          if (e.streamId !== stream) return;
          if (e.streamVersion === 2) throw new Error('handler broke');
          handled.push(e.streamVersion);
        },
      });
      await subscription.done;
      expect(handled).toEqual([1]);
      expect(errors).toEqual([expect.objectContaining({ message: 'handler broke' })]);
      const { events } = await store().readStream(stream, { maxCount: 1 });
      expect(subscription.checkpoint).toBe(events[0].checkpoint);
    });
  });
}
