import { PassThrough } from 'node:stream';
import {
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
  type CurrentRevision,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { EventTooLargeError, InvalidAppendError, WrongExpectedVersionError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import { EventStoreDbEventStore } from './eventstoredb.event-store';
import { eventually } from '../../../test/support/eventually';
import { forged } from '../../../test/support/forged';

/** Only what the adapter calls; the real client needs a server, which these machines lack. */
interface FakeClient {
  appendToStream: jest.Mock;
  readStream: jest.Mock;
  readAll: jest.Mock;
  subscribeToAll: jest.Mock;
  dispose: jest.Mock;
}

const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: BigInt(commit) });
const stored = (streamId: string, revision: number, commit: number, type = 'Happened') => ({
  event: {
    streamId,
    id: `00000000-0000-4000-8000-${String(commit).padStart(12, '0')}`,
    isJson: true,
    revision: BigInt(revision),
    type,
    created: new Date(0),
    data: { commit },
    metadata: undefined,
    position: at(commit),
  },
});
async function* yielding<T>(items: T[], error?: Error): AsyncGenerator<T> {
  yield* items;
  if (error) throw error;
}

function setup(): { fake: FakeClient; store: EventStoreDbEventStore } {
  const fake: FakeClient = {
    appendToStream: jest.fn(),
    readStream: jest.fn(() => yielding([])),
    readAll: jest.fn(() => yielding([])),
    subscribeToAll: jest.fn(),
    dispose: jest.fn(async () => undefined),
  };
  return { fake, store: new EventStoreDbEventStore(forged<EventStoreDBClient>(fake), { maxEventBytes: 1000 }) };
}

describe('EventStoreDbEventStore with a fake client', () => {
  it('refuses bad input before anything reaches the server', async () => {
    const { fake, store } = setup();
    await expect(store.appendToStream('job-1', [{ type: 'A', data: {} }], { expectedVersion: -1 })).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
    await expect(store.appendToStream('job-1', [{ type: 'A', data: 'x'.repeat(2000) }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
      EventTooLargeError,
    );
    await expect(store.appendToStream('$all', [{ type: 'A', data: {} }], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
      InvalidAppendError,
    );
    expect(fake.appendToStream).not.toHaveBeenCalled();
  });

  it('sends JSON events with our ids and metadata and a 0-based revision', async () => {
    const { fake, store } = setup();
    const result: EsdbAppendResult = { success: true, nextExpectedRevision: 3n, position: at(700) };
    fake.appendToStream.mockResolvedValue(result);
    const eventId = '5b0c1d6e-8f3a-4c2b-9d1e-0a1b2c3d4e5f';
    const appended = await store.appendToStream('job-1', [{ type: 'A', data: { n: 1 }, metadata: { eventId } }], { expectedVersion: 3 });
    const [stream, [sent], options] = fake.appendToStream.mock.calls[0];
    expect(stream).toBe('job-1');
    expect(options).toEqual({ expectedRevision: 2n });
    expect(sent).toMatchObject({ id: eventId, type: 'A', contentType: 'application/json', data: { n: 1 } });
    expect(sent.metadata).toMatchObject({ eventId, actor: { kind: 'system', id: 'system' } });
    expect(appended).toEqual({ nextVersion: 4, lastPosition: 700n, checkpoint: 'esdb:700:700', appended: true });
  });

  it.each<[CurrentRevision, number]>([
    [NO_STREAM, 0],
    [4n, 5],
  ])('maps the client WrongExpectedVersionError with current %p to actual %p', async (current, actual) => {
    const { fake, store } = setup();
    fake.appendToStream.mockRejectedValue(new EsdbWrongExpectedVersionError(undefined, { streamName: 'job-1', expected: 4n, current }));
    const attempt = store.appendToStream('job-1', [{ type: 'A', data: {} }], { expectedVersion: 5 });
    await expect(attempt).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(attempt).rejects.toMatchObject({ streamId: 'job-1', expected: 5, actual });
  });

  it('treats an answer without a position as an idempotent no-op and finds the position', async () => {
    const { fake, store } = setup();
    fake.appendToStream.mockResolvedValue({ success: true, nextExpectedRevision: 1n, position: undefined });
    fake.readStream.mockImplementation(() => yielding([stored('job-1', 1, 650)]));
    const again = await store.appendToStream('job-1', [{ type: 'A', data: {} }], { expectedVersion: 'no_stream' });
    expect(again).toEqual({ nextVersion: 2, lastPosition: 650n, checkpoint: 'esdb:650:650', appended: false });
    expect(fake.readStream).toHaveBeenCalledWith('job-1', { fromRevision: 1n, maxCount: 1 });
  });

  it('reads an absent stream as version 0', async () => {
    const { fake, store } = setup();
    fake.readStream.mockImplementation(() => yielding([], new StreamNotFoundError(undefined, 'job-1')));
    expect(await store.readStream('job-1')).toEqual({ streamId: 'job-1', version: 0, events: [] });
  });

  it('reads the whole stream version separately only when the slice does not show it', async () => {
    const { fake, store } = setup();
    fake.readStream
      .mockImplementationOnce(() => yielding([stored('job-1', 2, 30), stored('job-1', 3, 40)]))
      .mockImplementationOnce(() => yielding([stored('job-1', 9, 100)]));
    const slice = await store.readStream('job-1', { fromVersion: 3, maxCount: 2 });
    expect(slice.events.map((e) => e.streamVersion)).toEqual([3, 4]);
    expect(slice.version).toBe(10);
    expect(fake.readStream.mock.calls[0][1]).toEqual({ fromRevision: 2n, direction: 'forwards', maxCount: 2 });
    fake.readStream.mockImplementationOnce(() => yielding([stored('job-1', 0, 10), stored('job-1', 1, 20)]));
    expect((await store.readStream('job-1')).version).toBe(2);
    expect(fake.readStream).toHaveBeenCalledTimes(3);
  });

  it('reads all after a checkpoint exclusively, paging past system events', async () => {
    const { fake, store } = setup();
    fake.readAll
      .mockImplementationOnce(() => yielding([stored('a', 0, 10), stored('$stats', 0, 11, '$statsCollected'), stored('b', 0, 12)]))
      .mockImplementationOnce(() => yielding([stored('b', 0, 12), stored('c', 0, 13)]));
    const page = await store.readAll({ after: 'esdb:10:10', maxCount: 2 });
    expect(page.events.map((e) => e.streamId)).toEqual(['b', 'c']);
    expect(page.checkpoint).toBe('esdb:13:13');
    expect(fake.readAll.mock.calls.map(([options]) => options)).toEqual([
      { fromPosition: at(10), maxCount: 3 },
      { fromPosition: at(12), maxCount: 2 },
    ]);
    expect(await store.readAll({ after: 'esdb:13:13' })).toEqual({ events: [], checkpoint: 'esdb:13:13', isEnd: true });
  });

  describe('subscribeToAll', () => {
    const fakeSubscription = (): PassThrough & { unsubscribe: jest.Mock } =>
      Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: jest.fn(async () => undefined) });

    it('handles events one at a time, goes live on caughtUp, and stops', async () => {
      const { fake, store } = setup();
      const source = fakeSubscription();
      fake.subscribeToAll.mockReturnValue(source);
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ from: 'esdb:5:5', handler: async (e) => void seen.push(e) });
      expect(fake.subscribeToAll.mock.calls[0][0]).toMatchObject({ fromPosition: at(5) });
      source.write(stored('a', 0, 5));
      source.write(stored('$ce-a', 0, 6, '$>'));
      source.write(stored('a', 1, 7));
      source.emit('caughtUp');
      await eventually(() => subscription.isLive, { intervalMs: 5 });
      expect(seen.map((e) => e.streamVersion)).toEqual([2]);
      expect(subscription.checkpoint).toBe('esdb:7:7');
      await subscription.stop();
      expect(source.unsubscribe).toHaveBeenCalled();
    });

    it('stops on a handler error, reports it once, and keeps the checkpoint before it', async () => {
      const { fake, store } = setup();
      const source = fakeSubscription();
      fake.subscribeToAll.mockReturnValue(source);
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll({
        onError: (error) => errors.push(error),
        handler: async (e) => {
          if (e.streamVersion === 2) throw new Error('handler broke');
        },
      });
      [stored('a', 0, 1), stored('a', 1, 2), stored('a', 2, 3)].forEach((e) => source.write(e));
      await subscription.done;
      expect(errors).toEqual([new Error('handler broke')]);
      expect(subscription.checkpoint).toBe('esdb:1:1');
    });

    it('resubscribes from its checkpoint when the connection drops', async () => {
      const { fake, store } = setup();
      const [dropped, resumed] = [fakeSubscription(), fakeSubscription()];
      fake.subscribeToAll.mockReturnValueOnce(dropped).mockReturnValueOnce(resumed);
      const errors: unknown[] = [];
      const seen: number[] = [];
      const subscription = store.subscribeToAll({ onError: (e) => errors.push(e), handler: async (e) => void seen.push(e.streamVersion) });
      dropped.write(stored('a', 0, 1));
      await eventually(() => seen.length === 1, { intervalMs: 5 });
      dropped.emit('error', new Error('14 UNAVAILABLE'));
      await eventually(() => fake.subscribeToAll.mock.calls.length === 2, { intervalMs: 5 });
      expect(fake.subscribeToAll.mock.calls[1][0]).toMatchObject({ fromPosition: at(1) });
      resumed.write(stored('a', 1, 2));
      await eventually(() => seen.length === 2, { intervalMs: 5 });
      await subscription.stop();
      expect(errors).toEqual([new Error('14 UNAVAILABLE')]);
      expect(subscription.checkpoint).toBe('esdb:2:2');
    });
  });
});
