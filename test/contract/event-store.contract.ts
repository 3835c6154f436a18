import { randomUUID } from 'node:crypto';
import {
  EventTooLargeError,
  InvalidAppendError,
  InvalidReadError,
  WrongExpectedVersionError,
} from '../../src/event-store/event-store.errors';
import type { EventStore, ExpectedVersion } from '../../src/event-store/event-store.port';
import { someEvents, uniqueStream } from '../support/event-store-fixtures';
import { describeFirstAppendRaceContract } from './first-append-race.contract';
import { describeReadAllAndSubscriptionContract } from './read-all.contract';

export interface ContractSubject {
  readonly store: EventStore;
  /** The per-event size limit the subject was created with. */
  readonly maxEventBytes: number;
  cleanup(): Promise<void>;
}

/** The behaviour every EventStore adapter must have. Run once per reachable backend. */
export function describeEventStoreContract(backend: string, create: () => Promise<ContractSubject>): void {
  describe(`EventStore contract: ${backend}`, () => {
    let subject: ContractSubject;
    const store = (): EventStore => subject.store;

    beforeAll(async () => {
      subject = await create();
    });
    afterAll(async () => {
      await subject?.cleanup();
    });

    describe('expected version', () => {
      it('no_stream creates a stream and a second no_stream append is refused', async () => {
        const stream = uniqueStream();
        const first = await store().appendToStream(stream, someEvents(2), { expectedVersion: 'no_stream' });
        expect(first).toMatchObject({ nextVersion: 2, appended: true });
        const refused = store().appendToStream(stream, someEvents(1), { expectedVersion: 'no_stream' });
        await expect(refused).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 2, expected: 'no_stream' });
        expect((await store().readStream(stream)).version).toBe(2);
      });

      it('an exact version succeeds when it matches and is refused with expected and actual when not', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, someEvents(3), { expectedVersion: 0 });
        const ok = await store().appendToStream(stream, someEvents(1), { expectedVersion: 3 });
        expect(ok.nextVersion).toBe(4);
        const stale = store().appendToStream(stream, someEvents(1), { expectedVersion: 3 });
        await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
        await expect(stale).rejects.toMatchObject({ streamId: stream, expected: 3, actual: 4 });
      });

      it('an exact version on a stream that does not exist is refused with actual 0', async () => {
        const attempt = store().appendToStream(uniqueStream(), someEvents(1), { expectedVersion: 5 });
        await expect(attempt).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
      });

      it('stream_exists is refused on an absent stream and accepted on a present one', async () => {
        const stream = uniqueStream();
        const absent = store().appendToStream(stream, someEvents(1), { expectedVersion: 'stream_exists' });
        await expect(absent).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
        await store().appendToStream(stream, someEvents(1), { expectedVersion: 'any' });
        const present = await store().appendToStream(stream, someEvents(2), { expectedVersion: 'stream_exists' });
        expect(present.nextVersion).toBe(3);
      });

      it('any appends whatever the version', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, someEvents(1), { expectedVersion: 'any' });
        const second = await store().appendToStream(stream, someEvents(1), { expectedVersion: 'any' });
        expect(second.nextVersion).toBe(2);
      });

      it('50 concurrent appends expecting the same version: exactly one wins, versions stay dense', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, someEvents(1), { expectedVersion: 'no_stream' });
        const attempts = Array.from({ length: 50 }, (_, i) =>
          store().appendToStream(stream, [{ type: 'Raced', data: { writer: i } }], { expectedVersion: 1 }),
        );
        const results = await Promise.allSettled(attempts);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(49);
        for (const loss of lost) expect(loss.reason).toBeInstanceOf(WrongExpectedVersionError);
        const { events, version } = await store().readStream(stream);
        expect(version).toBe(2);
        expect(events.map((e) => e.streamVersion)).toEqual([1, 2]);
      });
    });

    describe('idempotent append', () => {
      it('re-appending stored event ids is a no-op that does not bump the version', async () => {
        const stream = uniqueStream();
        const ids = [randomUUID(), randomUUID()];
        const batch = ids.map((eventId, i) => ({ type: 'Once', data: { i }, metadata: { eventId } }));
        const first = await store().appendToStream(stream, batch, { expectedVersion: 'no_stream' });
        const again = await store().appendToStream(stream, batch, { expectedVersion: 'no_stream' });
        expect(again.nextVersion).toBe(first.nextVersion);
        const { events, version } = await store().readStream(stream);
        expect(version).toBe(2);
        expect(events.map((e) => e.metadata.eventId)).toEqual(ids);
      });
    });

    describe('readStream', () => {
      it('reads forwards and backwards from a version with a bound', async () => {
        const stream = uniqueStream();
        await store().appendToStream(stream, someEvents(10), { expectedVersion: 'no_stream' });
        const forwards = await store().readStream(stream, { fromVersion: 3, maxCount: 4 });
        expect(forwards.events.map((e) => e.streamVersion)).toEqual([3, 4, 5, 6]);
        expect(forwards.version).toBe(10);
        const backwards = await store().readStream(stream, { direction: 'backwards', maxCount: 3 });
        expect(backwards.events.map((e) => e.streamVersion)).toEqual([10, 9, 8]);
        const fromMiddle = await store().readStream(stream, { direction: 'backwards', fromVersion: 2 });
        expect(fromMiddle.events.map((e) => e.streamVersion)).toEqual([2, 1]);
        const pastEnd = await store().readStream(stream, { fromVersion: 11 });
        expect(pastEnd).toMatchObject({ version: 10, events: [] });
      });

      it('an absent stream reads as version 0 with no events', async () => {
        expect(await store().readStream(uniqueStream())).toMatchObject({ version: 0, events: [] });
      });

      it('keeps type, data and complete metadata', async () => {
        const stream = uniqueStream();
        const eventId = randomUUID();
        const actor = { kind: 'staff', id: 'staff-7' } as const;
        const timestamp = '2026-11-29T08:00:00.000Z';
        await store().appendToStream(stream, [{ type: 'Typed', data: { nested: { a: [1, 'two'] } }, metadata: { eventId } }], {
          expectedVersion: 'no_stream',
          correlationId: 'corr-1',
          causationId: 'cause-1',
          actor,
          timestamp,
        });
        await store().appendToStream(stream, someEvents(1), { expectedVersion: 1 });
        const [first, second] = (await store().readStream(stream)).events;
        expect(first).toMatchObject({ streamId: stream, streamVersion: 1, type: 'Typed', data: { nested: { a: [1, 'two'] } } });
        expect(first.metadata).toEqual({ eventId, correlationId: 'corr-1', causationId: 'cause-1', actor, timestamp });
        expect(second.metadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
        expect(second.metadata.actor).toEqual({ kind: 'system', id: 'system' });
        expect(second.metadata.correlationId).toEqual(expect.any(String));
        expect(Date.parse(second.metadata.timestamp)).not.toBeNaN();
        expect(first.globalPosition).toBeLessThan(second.globalPosition);
      });

      it('refuses a malformed read', async () => {
        await expect(store().readStream(uniqueStream(), { maxCount: 0 })).rejects.toBeInstanceOf(InvalidReadError);
        await expect(store().readStream('', {})).rejects.toBeInstanceOf(InvalidReadError);
        await expect(store().readStream('job-\u0000', {})).rejects.toBeInstanceOf(InvalidReadError);
      });
    });

    describe('bad input writes nothing', () => {
      const refusedWith = async (expectedVersion: unknown, error: unknown): Promise<void> => {
        const stream = uniqueStream();
        const attempt = store().appendToStream(stream, someEvents(1), { expectedVersion: expectedVersion as ExpectedVersion });
        await expect(attempt).rejects.toBeInstanceOf(error as typeof Error);
        expect((await store().readStream(stream)).version).toBe(0);
      };

      it('an empty event list', async () => {
        const stream = uniqueStream();
        await expect(store().appendToStream(stream, [], { expectedVersion: 'any' })).rejects.toThrow(/at least one event/);
        expect((await store().readStream(stream)).version).toBe(0);
      });

      it.each([['latest'], [-1], [1.5], [null], [undefined]])('an unknown expected version %p', async (value) => {
        await refusedWith(value, InvalidAppendError);
      });

      it('an oversized event, even inside a batch of small ones', async () => {
        const stream = uniqueStream();
        const big = { type: 'Huge', data: { blob: 'x'.repeat(subject.maxEventBytes + 1) } };
        const attempt = store().appendToStream(stream, [...someEvents(2), big], { expectedVersion: 'any' });
        await expect(attempt).rejects.toBeInstanceOf(EventTooLargeError);
        expect((await store().readStream(stream)).version).toBe(0);
      });

      it('a reserved stream id, a missing type and a repeated event id', async () => {
        await expect(store().appendToStream('$system', someEvents(1), { expectedVersion: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        const stream = uniqueStream();
        const untyped = [{ type: '', data: {} }];
        await expect(store().appendToStream(stream, untyped, { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
        const eventId = randomUUID();
        const twice = [
          { type: 'A', data: {}, metadata: { eventId } },
          { type: 'B', data: {}, metadata: { eventId } },
        ];
        await expect(store().appendToStream(stream, twice, { expectedVersion: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
        expect((await store().readStream(stream)).version).toBe(0);
      });

      it.each([
        ['a lone surrogate in data', { type: 'Scraped', data: { message: `${'x'.repeat(9)}\ud83d` } }],
        ['a NUL in data', { type: 'Scraped', data: { message: 'the page said \u0000' } }],
        ['a NUL in a key', { type: 'Scraped', data: { ['a\u0000b']: 1 } }],
        ['a lone surrogate in metadata', { type: 'Scraped', data: {}, metadata: { actor: { kind: 'worker', id: 'w\udc00' } } }],
        ['a NUL in the type', { type: 'Scr\u0000aped', data: {} }],
      ] as const)('data PostgreSQL would refuse (%s) fails with the typed error and writes nothing', async (_, event) => {
        const stream = uniqueStream();
        const attempt = store().appendToStream(stream, [...someEvents(1), event], { expectedVersion: 'any' });
        await expect(attempt).rejects.toMatchObject({ name: 'InvalidEventDataError', code: 'INVALID_EVENT_DATA' });
        expect((await store().readStream(stream)).version).toBe(0);
      });
    });

    describeReadAllAndSubscriptionContract(store);
    describeFirstAppendRaceContract(store);
  });
}
