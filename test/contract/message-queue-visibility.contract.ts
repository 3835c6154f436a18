import type { MessageQueue } from '../../src/queue/queue.port';
import { collect, depthOf, expectDepth, options, outgoing, receivedDuring, receiveOne, SLACK_MS, sleep } from './message-queue.fixtures';

export function describeVisibilityContract(queue: () => MessageQueue): void {
  describe('visibility', () => {
    it('a received message is hidden from other receivers until its visibility expires, then redelivered with count 2 and a new receipt', async () => {
      const sent = outgoing('P1');
      await queue().send([sent]);
      const first = await receiveOne(queue(), 5000, { visibilityMs: 1000 });
      const firstAt = Date.now();
      const again = await collect(queue(), 1, 6000, { visibilityMs: 1000 });
      expect(again.messages).toHaveLength(1);
      expect(again.firstAt! - firstAt).toBeGreaterThanOrEqual(1000 - SLACK_MS);
      const second = again.messages[0];
      expect(second).toMatchObject({ id: sent.id, priority: 'P1', body: sent.body, receiveCount: 2 });
      expect(second.receipt).not.toBe(first.receipt);
    });

    it('a stale receipt cannot ack or extend: the message comes back on time all the same', async () => {
      const sent = outgoing('P2');
      await queue().send([sent]);
      const first = await receiveOne(queue(), 5000, { visibilityMs: 1000 });
      const second = await receiveOne(queue(), 6000, { visibilityMs: 1000 });
      expect(second.receiveCount).toBe(2);
      await queue().ack([first]);
      expect(await queue().extendVisibility(first, 30_000)).toBe(false);
      // Back within the current delivery's 1 s: neither the stale ack nor the stale extension took.
      const third = await receiveOne(queue(), 4000, { visibilityMs: 1000 });
      expect(third).toMatchObject({ id: sent.id, receiveCount: 3 });
      await queue().ack([third]);
      await expectDepth(queue(), depthOf({}));
    });

    it('extendVisibility keeps a message hidden past its original timeout, for the new timeout from now', async () => {
      const sent = outgoing('P3');
      await queue().send([sent]);
      const got = await receiveOne(queue(), 5000, { visibilityMs: 1000 });
      await sleep(400);
      expect(await queue().extendVisibility(got, 3000)).toBe(true);
      const extendedAt = Date.now();
      expect(await receivedDuring(queue(), 2000)).toEqual([]);
      const back = await collect(queue(), 1, 5000);
      expect(back.messages).toMatchObject([{ id: sent.id, receiveCount: 2 }]);
      expect(back.firstAt! - extendedAt).toBeGreaterThanOrEqual(3000 - SLACK_MS);
    });

    it('ack deletes: the depth drops and the messages never come back', async () => {
      await queue().send([outgoing('P2'), outgoing('P2')]);
      const { messages } = await collect(queue(), 2, 5000, { visibilityMs: 1000 });
      expect(messages).toHaveLength(2);
      await expectDepth(queue(), depthOf({ P2: { inFlight: 2 } }));
      await queue().ack([]);
      await queue().ack(messages);
      await expectDepth(queue(), depthOf({}));
      expect(await receivedDuring(queue(), 1500)).toEqual([]);
    });

    it('release(message, 0) makes it visible at once, keeping its count until the next delivery adds one', async () => {
      const sent = outgoing('P1');
      await queue().send([sent]);
      const first = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      await queue().release(first, 0);
      await expectDepth(queue(), depthOf({ P1: { visible: 1 } }));
      const second = await queue().receive(options({ visibilityMs: 30_000 }));
      expect(second).toMatchObject([{ id: sent.id, body: sent.body, receiveCount: 2 }]);
      expect(second[0].receipt).not.toBe(first.receipt);
    });

    it('release with a delay hides the message for that delay, not for the rest of its visibility', async () => {
      const sent = outgoing('P2');
      await queue().send([sent]);
      const first = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      await queue().release(first, 1000);
      const releasedAt = Date.now();
      const back = await collect(queue(), 1, 5000);
      expect(back.messages).toMatchObject([{ id: sent.id, receiveCount: 2 }]);
      expect(back.firstAt! - releasedAt).toBeGreaterThanOrEqual(1000 - SLACK_MS);
    });

    it('a delayed send is not received before its delay (rounded up, never down) and is received after', async () => {
      const sent = outgoing('P3', { delayMs: 1500 });
      const before = Date.now();
      await queue().send([sent]);
      await expectDepth(queue(), depthOf({ P3: { delayed: 1 } }));
      const got = await collect(queue(), 1, 6000);
      expect(got.messages).toMatchObject([{ id: sent.id, body: sent.body, receiveCount: 1 }]);
      expect(got.firstAt! - before).toBeGreaterThanOrEqual(1500 - SLACK_MS);
    });
  });
}
