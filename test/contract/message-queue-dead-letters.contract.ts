import type { DeadLetter, MessageQueue, OutgoingMessage, ReceivedMessage } from '../../src/queue/queue.port';
import {
  collect,
  CONTRACT_SETTINGS,
  depthOf,
  expectDepth,
  options,
  outgoing,
  receivedDuring,
  receiveOne,
  sleep,
} from './message-queue.fixtures';
import { eventually } from '../support/eventually';

export function describeDeadLetterContract(queue: () => MessageQueue): void {
  const deadLetters = (limit = 100, after?: string): Promise<DeadLetter[]> => queue().listDeadLetters({ limit, after });

  /** Receives each message once and dead-letters it with `reason`, in order. */
  const deadLetterAll = async (messages: readonly OutgoingMessage[], reason: string): Promise<void> => {
    await queue().send(messages);
    for (const sent of messages) {
      const got = await receiveOne(queue(), 5000, { priorities: [sent.priority], maxMessages: 1 });
      expect(got.id).toBe(sent.id);
      await queue().deadLetter(got, reason);
      // Distinct dead-lettering times, so that "oldest first" has one answer.
      await sleep(20);
    }
  };

  describe('dead letters', () => {
    it(`a message received maxReceiveCount (${CONTRACT_SETTINGS.maxReceiveCount}) times without ack is dead-lettered and not received again`, async () => {
      const sent = outgoing('P2');
      const before = Date.now();
      await queue().send([sent]);
      for (let count = 1; count <= CONTRACT_SETTINGS.maxReceiveCount; count++) {
        const got = await receiveOne(queue(), 6000, { visibilityMs: 1000 });
        expect(got).toMatchObject({ id: sent.id, receiveCount: count });
      }
      // SQS moves it on the first receive after the last expiry; PostgreSQL may move it sooner.
      const redelivered: ReceivedMessage[] = [];
      const listed = await eventually(
        async () => {
          redelivered.push(...(await queue().receive(options({ visibilityMs: 1000 }))));
          const list = await deadLetters();
          return list.length > 0 ? list : null;
        },
        { timeoutMs: 6000, intervalMs: 100, message: 'a dead letter to be listed' },
      );
      expect(redelivered).toEqual([]);
      expect(listed).toHaveLength(1);
      const [dead] = listed;
      expect(dead).toMatchObject({ id: sent.id, priority: 'P2', body: sent.body });
      expect(dead.receiveCount).toBeGreaterThanOrEqual(CONTRACT_SETTINGS.maxReceiveCount);
      expect(dead.error).toMatch(/maxReceiveCount/);
      expect(dead.firstFailureAt).toBeInstanceOf(Date);
      expect(dead.lastFailureAt).toBeInstanceOf(Date);
      expect(dead.firstFailureAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(dead.lastFailureAt!.getTime()).toBeGreaterThanOrEqual(dead.firstFailureAt!.getTime());
      expect(dead.lastFailureAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(dead.deadLetteredAt).toBeInstanceOf(Date);
      await expectDepth(queue(), depthOf({}, 1));
      expect(await receivedDuring(queue(), 1200)).toEqual([]);
    });

    it('deadLetter(message, reason) lists it with that reason and it is not received again', async () => {
      const sent = outgoing('P3');
      await queue().send([sent]);
      const got = await receiveOne(queue(), 5000, { visibilityMs: 1000 });
      const reason = 'unknown body version 9';
      await queue().deadLetter(got, reason);
      expect(await deadLetters()).toMatchObject([{ id: sent.id, priority: 'P3', body: sent.body, receiveCount: 1, error: reason }]);
      await expectDepth(queue(), depthOf({}, 1));
      // Past the delivery's visibility: it must not come back from its tier.
      expect(await receivedDuring(queue(), 1500)).toEqual([]);
    });

    it('listDeadLetters pages oldest first, continuing after the last id of the previous page', async () => {
      const sent = [outgoing('P1'), outgoing('P3'), outgoing('P2')];
      await deadLetterAll(sent, 'bad body');
      const firstPage = await deadLetters(2);
      expect(firstPage.map((d) => d.id)).toEqual([sent[0].id, sent[1].id]);
      const secondPage = await deadLetters(2, firstPage[1].id);
      expect(secondPage.map((d) => d.id)).toEqual([sent[2].id]);
      expect(await deadLetters(2, sent[2].id)).toEqual([]);
    });

    it('redrive by ids moves just those back, as new (count 1, same body and tier), and skips unknown ids', async () => {
      const [a, b] = [outgoing('P1'), outgoing('P3')];
      await deadLetterAll([a, b], 'bad body');
      expect(await queue().redrive({ ids: [a.id, 'msg-no-such-id'] })).toEqual([a.id]);
      expect((await deadLetters()).map((d) => d.id)).toEqual([b.id]);
      await expectDepth(queue(), depthOf({ P1: { visible: 1 } }, 1));
      const back = await receiveOne(queue());
      expect(back).toMatchObject({ id: a.id, priority: 'P1', body: a.body, receiveCount: 1 });
      await queue().ack([back]);
    });

    it('discardDeadLetters deletes just those ids, skips unknown ones, and a discarded letter cannot be redriven', async () => {
      const [a, b] = [outgoing('P2'), outgoing('P2')];
      await deadLetterAll([a, b], 'bad body');
      expect(await queue().discardDeadLetters([a.id, 'msg-no-such-id'])).toEqual([a.id]);
      expect((await deadLetters()).map((d) => d.id)).toEqual([b.id]);
      await expectDepth(queue(), depthOf({}, 1));
      expect(await queue().redrive({ ids: [a.id] })).toEqual([]);
      expect(await queue().receive(options())).toEqual([]);
    });

    it('redrive all moves the rest back and leaves no dead letters', async () => {
      const [a, b, c] = [outgoing('P1'), outgoing('P2'), outgoing('P3')];
      await deadLetterAll([a, b, c], 'bad body');
      expect(await queue().redrive({ ids: [b.id] })).toEqual([b.id]);
      expect((await queue().redrive({ all: true })).sort()).toEqual([a.id, c.id].sort());
      expect(await deadLetters()).toEqual([]);
      await expectDepth(queue(), depthOf({ P1: { visible: 1 }, P2: { visible: 1 }, P3: { visible: 1 } }, 0));
      const { messages } = await collect(queue(), 3, 5000);
      const summary = messages.map((m) => ({ id: m.id, priority: m.priority, receiveCount: m.receiveCount }));
      const expected = [a, b, c].map((m) => ({ id: m.id, priority: m.priority, receiveCount: 1 }));
      expect(summary).toEqual(expected);
    });
  });
}
