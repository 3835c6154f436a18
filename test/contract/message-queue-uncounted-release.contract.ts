import type { MessageQueue } from '../../src/queue/queue.port';
import { eventually } from '../support/eventually';
import {
  collect,
  CONTRACT_SETTINGS,
  depthOf,
  expectDepth,
  options,
  outgoing,
  receivedDuring,
  receiveOne,
  SLACK_MS,
} from './message-queue.fixtures';

const UNCOUNTED = { countsAsAttempt: false } as const;

/**
 * A delivery given back unused (its work is running elsewhere) must not bring the message closer
 * to the dead letters: the next delivery reports the count this one had.
 */
export function describeUncountedReleaseContract(queue: () => MessageQueue): void {
  describe('release that does not count as an attempt', () => {
    it(`a message released uncounted more than maxReceiveCount (${CONTRACT_SETTINGS.maxReceiveCount}) times is never dead-lettered`, async () => {
      const sent = outgoing('P2');
      await queue().send([sent]);
      for (let round = 0; round < CONTRACT_SETTINGS.maxReceiveCount + 3; round++) {
        const got = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
        expect(got).toMatchObject({ id: sent.id, priority: 'P2', body: sent.body, receiveCount: 1 });
        await queue().release(got, 0, UNCOUNTED);
      }
      const last = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      expect(last).toMatchObject({ id: sent.id, body: sent.body, receiveCount: 1 });
      expect(await queue().listDeadLetters({ limit: 10 })).toEqual([]);
      await queue().ack([last]);
      await expectDepth(queue(), depthOf({}));
      expect(await receivedDuring(queue(), 1200)).toEqual([]);
    });

    it('keeps the receives counted before it: dead-lettered after maxReceiveCount counted ones', async () => {
      const sent = outgoing('P1');
      await queue().send([sent]);
      const receive = () => receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      const first = await receive();
      expect(first.receiveCount).toBe(1);
      await queue().release(first, 0);
      const second = await receive();
      expect(second.receiveCount).toBe(2);
      await queue().release(second, 0, UNCOUNTED);
      const again = await receive();
      expect(again).toMatchObject({ id: sent.id, receiveCount: 2 });
      await queue().release(again, 0);
      const third = await receive();
      expect(third.receiveCount).toBe(CONTRACT_SETTINGS.maxReceiveCount);
      await queue().release(third, 0);
      const redelivered: unknown[] = [];
      const letters = await eventually(
        async () => {
          redelivered.push(...(await queue().receive(options({ visibilityMs: 30_000 }))));
          const list = await queue().listDeadLetters({ limit: 10 });
          return list.length > 0 ? list : null;
        },
        { timeoutMs: 5000, message: 'the copy past maxReceiveCount among the dead letters' },
      );
      expect(redelivered).toEqual([]);
      expect(letters).toMatchObject([{ id: sent.id, priority: 'P1', body: sent.body, error: expect.stringMatching(/maxReceiveCount/) }]);
    });

    it('with a delay: hidden (as delayed) for that delay, then delivered with the same count', async () => {
      const sent = outgoing('P3');
      await queue().send([sent]);
      const got = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      await queue().release(got, 1000, UNCOUNTED);
      const releasedAt = Date.now();
      await expectDepth(queue(), depthOf({ P3: { delayed: 1 } }));
      const back = await collect(queue(), 1, 5000);
      expect(back.messages).toMatchObject([{ id: sent.id, priority: 'P3', body: sent.body, receiveCount: 1 }]);
      expect(back.messages[0].sentAt.getTime()).toBe(got.sentAt.getTime());
      expect(back.firstAt! - releasedAt).toBeGreaterThanOrEqual(1000 - SLACK_MS);
    });
  });
}
