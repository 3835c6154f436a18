import type { MessageQueue } from '../../src/queue/queue.port';
import { depthOf, expectDepth, options, outgoing, receiveOne, sleep } from './message-queue.fixtures';

export function describeDepthAndLongPollContract(queue: () => MessageQueue): void {
  describe('depth', () => {
    it('counts visible, delayed and in-flight per tier and the dead letters, step by step', async () => {
      const [p1a, p1b, p2, p3] = [outgoing('P1'), outgoing('P1'), outgoing('P2', { delayMs: 60_000 }), outgoing('P3')];
      await queue().send([p1a, p1b, p2, p3]);
      await expectDepth(queue(), depthOf({ P1: { visible: 2 }, P2: { delayed: 1 }, P3: { visible: 1 } }));

      const taken = await receiveOne(queue(), 5000, { priorities: ['P1'], maxMessages: 1, visibilityMs: 30_000 });
      await expectDepth(queue(), depthOf({ P1: { visible: 1, inFlight: 1 }, P2: { delayed: 1 }, P3: { visible: 1 } }));
      await queue().deadLetter(taken, 'bad body');
      await expectDepth(queue(), depthOf({ P1: { visible: 1 }, P2: { delayed: 1 }, P3: { visible: 1 } }, 1));

      const low = await receiveOne(queue(), 5000, { priorities: ['P3'], visibilityMs: 30_000 });
      await expectDepth(queue(), depthOf({ P1: { visible: 1 }, P2: { delayed: 1 }, P3: { inFlight: 1 } }, 1));
      await queue().release(low, 0);
      await expectDepth(queue(), depthOf({ P1: { visible: 1 }, P2: { delayed: 1 }, P3: { visible: 1 } }, 1));
      await queue().ack([await receiveOne(queue(), 5000, { priorities: ['P3'] })]);
      await expectDepth(queue(), depthOf({ P1: { visible: 1 }, P2: { delayed: 1 } }, 1));

      expect(await queue().redrive({ all: true })).toEqual([taken.id]);
      await expectDepth(queue(), depthOf({ P1: { visible: 2 }, P2: { delayed: 1 } }, 0));
    });

    it('a message released with a delay is hidden: delayed on PostgreSQL, in flight on SQS (as the port documents)', async () => {
      await queue().send([outgoing('P2')]);
      const got = await receiveOne(queue(), 5000, { visibilityMs: 30_000 });
      await queue().release(got, 30_000);
      // SQS implements release as a visibility change, which it counts as not visible.
      await expectDepth(queue(), depthOf({ P2: queue().kind === 'sqs' ? { inFlight: 1 } : { delayed: 1 } }));
    });
  });

  describe('mayHaveMessages', () => {
    it('names the subjects that may still have a message: exactly on PostgreSQL, by tier on SQS (as the port documents)', async () => {
      const probe = (subject: string, priority: 'P1' | 'P2' | 'P3') => ({ subject, priority });
      await queue().send([
        outgoing('P1', { subject: 'waiting' }),
        outgoing('P2', { subject: 'delayed', delayMs: 60_000 }),
        outgoing('P1', { subject: 'dies' }),
      ]);
      const probes = [probe('waiting', 'P1'), probe('delayed', 'P2'), probe('dies', 'P1'), probe('gone', 'P1'), probe('elsewhere', 'P3')];
      const exact = queue().kind === 'postgres';
      expect([...(await queue().mayHaveMessages(probes))].sort()).toEqual(
        exact ? ['delayed', 'dies', 'waiting'] : ['delayed', 'dies', 'gone', 'waiting'],
      );

      // In flight and then dead-lettered, a message is still there: only a redrive may send it again.
      const received = await queue().receive(options({ priorities: ['P1'], visibilityMs: 30_000 }));
      for (const message of received) await queue().deadLetter(message, 'kills workers');
      const after = [...(await queue().mayHaveMessages(probes))].sort();
      // SQS sees no tier with waiting messages but P2's delayed one; it cannot look into its DLQ by subject.
      expect(after).toEqual(exact ? ['delayed', 'dies', 'waiting'] : ['delayed']);
      expect(await queue().mayHaveMessages([])).toEqual(new Set());
    });
  });

  describe('long poll', () => {
    it('a waiting receive returns a message sent meanwhile, to any tier asked for, well before its deadline', async () => {
      const sent = outgoing('P3');
      const start = Date.now();
      const waiting = queue().receive(options({ waitMs: 6000 }));
      const sending = sleep(300).then(() => queue().send([sent]));
      const [got] = await Promise.all([waiting, sending]);
      const elapsed = Date.now() - start;
      expect(got.map((m) => m.id)).toEqual([sent.id]);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      // SQS finds a lower tier on its next 1 s round; the bound leaves room for a loaded machine.
      expect(elapsed).toBeLessThan(4000);
    });

    it('an empty long poll returns nothing after about waitMs', async () => {
      const start = Date.now();
      expect(await queue().receive(options({ waitMs: 1000 }))).toEqual([]);
      const elapsed = Date.now() - start;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(2000);
    });

    it('waitMs 0 returns at once', async () => {
      const start = Date.now();
      expect(await queue().receive(options({ waitMs: 0 }))).toEqual([]);
      expect(Date.now() - start).toBeLessThan(500);
    });
  });
}
