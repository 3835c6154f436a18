import { MAX_BATCH_SIZE, MAX_DELAY_MS, MAX_MESSAGE_BYTES, type MessageQueue } from '../../src/queue/queue.port';
import { describeDeadLetterContract } from './message-queue-dead-letters.contract';
import { describeDepthAndLongPollContract } from './message-queue-depth.contract';
import { describeUncountedReleaseContract } from './message-queue-uncounted-release.contract';
import { describeVisibilityContract } from './message-queue-visibility.contract';
import {
  CONTRACT_SETTINGS,
  collect,
  depthOf,
  expectDepth,
  type OpenQueueSubject,
  outgoing,
  options,
  type QueueSubject,
  receiveOne,
} from './message-queue.fixtures';

export type { OpenQueueSubject, QueueSubject } from './message-queue.fixtures';

/**
 * The behaviour every MessageQueue adapter must have. `open` is called once per test and must
 * give an empty queue that no other test's messages can reach.
 */
export function describeMessageQueueContract(backend: string, open: OpenQueueSubject): void {
  describe(`MessageQueue contract: ${backend}`, () => {
    let subject: QueueSubject | undefined;
    const opened = (): QueueSubject => {
      if (!subject) throw new Error('the queue did not open');
      return subject;
    };
    const queue = (): MessageQueue => opened().queue;

    beforeEach(async () => {
      subject = await open(CONTRACT_SETTINGS);
    });
    afterEach(async () => {
      await subject?.teardown();
      subject = undefined;
    });

    describe('send and receive', () => {
      it('a message comes back with its id, priority, body, receive count 1, a receipt and its send time', async () => {
        const sent = outgoing('P2');
        const before = Date.now();
        await queue().send([sent]);
        const after = Date.now();
        const got = await receiveOne(queue());
        expect(got).toMatchObject({ id: sent.id, priority: 'P2', body: sent.body, receiveCount: 1 });
        expect(got.receipt).toEqual(expect.any(String));
        expect(got.receipt.length).toBeGreaterThan(0);
        expect(got.sentAt).toBeInstanceOf(Date);
        expect(got.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
        expect(got.sentAt.getTime()).toBeLessThanOrEqual(after + 1000);
        expect(await queue().receive(options())).toEqual([]);
      });

      it(`a send of 25 (more than MAX_BATCH_SIZE ${MAX_BATCH_SIZE}) delivers every message exactly once`, async () => {
        const sent = Array.from({ length: 25 }, (_, i) => outgoing(i % 2 ? 'P1' : 'P3'));
        await queue().send(sent);
        const { messages } = await collect(queue(), 25, 5000, { visibilityMs: 60_000 });
        expect(messages.map((m) => m.id).sort()).toEqual(sent.map((m) => m.id).sort());
        for (const m of messages) expect(m.receiveCount).toBe(1);
        expect(await queue().receive(options())).toEqual([]);
        await expectDepth(queue(), depthOf({ P1: { inFlight: 12 }, P3: { inFlight: 13 } }));
      });

      it('sending nothing is a no-op', async () => {
        await queue().send([]);
        expect(await queue().receive(options())).toEqual([]);
        await expectDepth(queue(), depthOf({}));
      });

      it('a body near MAX_MESSAGE_BYTES comes back intact', async () => {
        const body = 'é'.repeat((MAX_MESSAGE_BYTES - 4096) / 2);
        const sent = outgoing('P1', { body });
        await queue().send([sent]);
        const got = await receiveOne(queue());
        expect(got.id).toBe(sent.id);
        expect(got.body === body).toBe(true);
      });
    });

    describe('tiers', () => {
      it('the first tier in the preference order with a visible message is served', async () => {
        // Sent lowest tier first so that arrival order cannot explain the result.
        const [p3, p2, p1] = [outgoing('P3'), outgoing('P2'), outgoing('P1')];
        await queue().send([p3, p2, p1]);
        const first = await queue().receive(options({ priorities: ['P1', 'P2', 'P3'], maxMessages: 1 }));
        expect(first.map((m) => m.id)).toEqual([p1.id]);
        const second = await queue().receive(options({ priorities: ['P3', 'P1', 'P2'], maxMessages: 1 }));
        expect(second.map((m) => m.id)).toEqual([p3.id]);
        const third = await queue().receive(options({ priorities: ['P1', 'P2', 'P3'], maxMessages: 1 }));
        expect(third).toMatchObject([{ id: p2.id, priority: 'P2' }]);
      });

      it('tiers not asked for are not served', async () => {
        const p3 = outgoing('P3');
        await queue().send([p3]);
        expect(await queue().receive(options({ priorities: ['P1', 'P2'] }))).toEqual([]);
        expect((await queue().receive(options({ priorities: ['P3'] }))).map((m) => m.id)).toEqual([p3.id]);
      });
    });

    describe('bad input is refused and sends nothing', () => {
      it('a body over MAX_MESSAGE_BYTES, counted in UTF-8 bytes, with an error naming the size', async () => {
        // Fewer characters than the limit but more bytes: a length check in characters lets it through.
        const body = 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 1);
        const refused = queue().send([outgoing('P2', { body })]);
        await expect(refused).rejects.toThrow(new RegExp(`${MAX_MESSAGE_BYTES + 2}|${MAX_MESSAGE_BYTES}|256 ?KiB`));
        await expectDepth(queue(), depthOf({}));
      });

      it.each([[MAX_DELAY_MS + 1], [-1]])('delayMs %p', async (delayMs) => {
        await expect(queue().send([outgoing('P2', { delayMs })])).rejects.toThrow();
        await expectDepth(queue(), depthOf({}));
      });
    });

    describe('durability', () => {
      it('messages, in flight or not, survive closing the queue and opening it again', async () => {
        const [waiting, inFlight] = [outgoing('P3'), outgoing('P1')];
        await queue().send([waiting, inFlight]);
        const taken = await receiveOne(queue(), 5000, { priorities: ['P1'], visibilityMs: 1000 });
        expect(taken.id).toBe(inFlight.id);
        const reopened = await opened().reopen();
        const { messages } = await collect(reopened, 2, 6000);
        const byId = new Map(messages.map((m) => [m.id, m]));
        expect(messages).toHaveLength(2);
        expect(byId.get(waiting.id)).toMatchObject({ priority: 'P3', body: waiting.body, receiveCount: 1 });
        expect(byId.get(inFlight.id)).toMatchObject({ priority: 'P1', body: inFlight.body, receiveCount: 2 });
      });
    });

    describeVisibilityContract(queue);
    describeDeadLetterContract(queue);
    describeDepthAndLongPollContract(queue);
    describeUncountedReleaseContract(queue);
  });
}
