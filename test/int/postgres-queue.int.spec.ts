import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { openPostgresQueue, PostgresMessageQueue } from '../../src/queue/postgres/postgres.queue';
import type { MessageQueue, OutgoingMessage, Priority, QueueSettings, ReceivedMessage } from '../../src/queue/queue.port';
import { TEST_BACKENDS, type BackendDatabase } from '../support/test-backends';

const SETTINGS: QueueSettings = {
  visibilityTimeoutMs: 60_000,
  maxReceiveCount: 3,
  receiveWaitMs: 0,
  retentionMs: 10 * 60_000,
  deadLetterRetentionMs: 10 * 60_000,
};
const ALL: readonly Priority[] = ['P1', 'P2', 'P3'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const message = (priority: Priority = 'P2', extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: `m-${randomUUID()}`,
  priority,
  body: '{}',
  ...extra,
});

describe.each(TEST_BACKENDS)('PostgreSQL queue specifics on $name', (backend) => {
  let db: BackendDatabase;
  const opened: MessageQueue[] = [];
  const open = async (settings: Partial<QueueSettings> = {}, pool?: Pool): Promise<PostgresMessageQueue> => {
    const queue = await openPostgresQueue({ pool: pool ?? db.pool, settings: { ...SETTINGS, ...settings }, listen: backend.listen });
    opened.push(queue);
    if (!(queue instanceof PostgresMessageQueue)) throw new Error('expected the PostgreSQL adapter');
    return queue;
  };

  beforeAll(async () => {
    db = await backend.create();
  });
  beforeEach(async () => {
    await db.pool.query('DELETE FROM queue_messages; DELETE FROM queue_dead_letters');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close()));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('8 consumers × 600 messages: every message delivered exactly once while in flight', async () => {
    const producer = await open();
    const sent = Array.from({ length: 600 }, (_, i) => message(ALL[i % 3]));
    await producer.send(sent);
    const consumers = await Promise.all(Array.from({ length: 8 }, () => open()));
    const seen: string[] = [];
    await Promise.all(
      consumers.map(async (consumer) => {
        for (;;) {
          const got = await consumer.receive({ priorities: ALL, maxMessages: 10, waitMs: 0 });
          if (got.length === 0) return;
          seen.push(...got.map((m) => m.id));
          await consumer.ack(got);
        }
      }),
    );
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
    expect((await producer.depth()).tiers).toEqual({ P1: empty(), P2: empty(), P3: empty() });
  });

  it('messages survive on a new pool: in flight stays hidden, the rest is delivered', async () => {
    const queue = await open();
    const [waiting, inFlight] = [message('P3'), message('P1')];
    await queue.send([waiting, inFlight]);
    expect((await queue.receive({ priorities: ['P1'], maxMessages: 1, waitMs: 0 })).map((m) => m.id)).toEqual([inFlight.id]);
    await queue.close();
    const pool = new Pool({ ...db.pool.options, max: 2 });
    try {
      const reopened = await open({}, pool);
      const got = await reopened.receive({ priorities: ALL, maxMessages: 10, waitMs: 0 });
      expect(got.map((m) => [m.id, m.receiveCount])).toEqual([[waiting.id, 1]]);
      expect((await reopened.depth()).tiers.P1).toEqual({ visible: 0, delayed: 0, inFlight: 1 });
      await reopened.close();
    } finally {
      await pool.end();
    }
  });

  it('a long poll wakes on a send from this process within milliseconds', async () => {
    const queue = await open();
    const waiting = queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 10_000 });
    await sleep(100);
    const sentAt = Date.now();
    await queue.send([message('P1')]);
    expect(await waiting).toHaveLength(1);
    // Well under the 2 s polling fallback, with room for a loaded CI machine.
    expect(Date.now() - sentAt).toBeLessThan(1_000);
  });

  (backend.listen ? it : it.skip)('a long poll wakes on NOTIFY from another queue instance (another process)', async () => {
    const [receiver, sender] = [await open(), await open()];
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const waiting = receiver.receive({ priorities: ALL, maxMessages: 1, waitMs: 10_000 });
      await sleep(50);
      const sentAt = Date.now();
      await sender.send([message('P2')]);
      const got = await waiting;
      latencies.push(Date.now() - sentAt);
      await receiver.ack(got);
    }
    // The polling fallback alone would take up to 2 s.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });

  (backend.listen ? it : it.skip)('the LISTEN connection comes back after the server ends it', async () => {
    const [receiver, sender] = [await open(), await open()];
    const listeners = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND query = 'LISTEN dbolt_queue'`;
    expect((await db.pool.query(listeners)).rowCount).toBe(2);
    await sleep(1500); // reconnects after 1 s
    const waiting = receiver.receive({ priorities: ALL, maxMessages: 1, waitMs: 10_000 });
    await sleep(50);
    const sentAt = Date.now();
    await sender.send([message('P2')]);
    expect(await waiting).toHaveLength(1);
    expect(Date.now() - sentAt).toBeLessThan(1_000);
  });

  it('a long poll sleeps until the next delayed message is due, without busy-looping', async () => {
    const queue = await open();
    await queue.send([message('P3', { delayMs: 700 })]);
    const query = jest.spyOn(db.pool, 'query');
    const start = Date.now();
    const got = await queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 5000 });
    const elapsed = Date.now() - start;
    const queries = query.mock.calls.length;
    query.mockRestore();
    expect(got).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(1200);
    expect(queries).toBeLessThanOrEqual(8);
  });

  it('close() ends a waiting long poll at once, empty', async () => {
    const queue = await open();
    const waiting = queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 10_000 });
    await sleep(100);
    const start = Date.now();
    await queue.close();
    expect(await waiting).toEqual([]);
    expect(Date.now() - start).toBeLessThan(500);
    await expect(queue.send([message()])).rejects.toThrow(/closed/);
  });

  it('a message past maxReceiveCount is buried by the receive that finds it, which delivers the next one instead', async () => {
    const queue = await open({ maxReceiveCount: 1 });
    const doomed = message('P1');
    await queue.send([doomed]);
    await queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 0, visibilityMs: 0 });
    const next = message('P2');
    await queue.send([next]);
    expect((await queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 0 })).map((m) => m.id)).toEqual([next.id]);
    const [dead] = await queue.listDeadLetters({ limit: 10 });
    expect(dead).toMatchObject({ id: doomed.id, receiveCount: 1, error: 'maxReceiveCount (1) exceeded' });
    expect(dead.firstFailureAt).toEqual(dead.lastFailureAt);
  });

  it('stale, forged and foreign receipts act on nothing', async () => {
    const queue = await open();
    await queue.send([message()]);
    const [first] = await queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 0, visibilityMs: 0 });
    const [second] = await queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 0 });
    const forged: ReceivedMessage[] = [
      { ...second, receipt: 'nonsense' },
      { ...second, receipt: `${randomUUID()}:${second.id}` },
    ];
    await queue.release(first, 0);
    await queue.deadLetter(first, 'stale');
    await queue.ack([first, ...forged]);
    expect(await queue.extendVisibility(forged[0], 1000)).toBe(false);
    expect((await queue.depth()).tiers.P2).toEqual({ visible: 0, delayed: 0, inFlight: 1 });
    expect(await queue.extendVisibility(second, 1000)).toBe(true);
  });

  it('2,500 messages in one send; a resend of a queued id is a no-op, after its ack it is new', async () => {
    const queue = await open();
    const sent = Array.from({ length: 2500 }, () => message('P3'));
    await queue.send(sent);
    await queue.send([{ ...sent[0], body: 'changed' }, sent[1], sent[1]]);
    expect((await queue.depth()).tiers.P3.visible).toBe(2500);
    await queue.send([message('P1', { id: sent[0].id })]);
    const [got] = await queue.receive({ priorities: ['P3'], maxMessages: 1, waitMs: 0 });
    expect(got).toMatchObject({ id: sent[0].id, body: '{}' });
    await queue.ack([got]);
    await queue.send([{ ...sent[0], body: 'again' }]);
    expect((await queue.depth()).tiers.P3.visible).toBe(2500);
  });

  it('refuses bad input with clear errors', async () => {
    const queue = await open();
    const receive = (extra: object): Promise<ReceivedMessage[]> => queue.receive({ priorities: ALL, maxMessages: 1, waitMs: 0, ...extra });
    await expect(receive({ maxMessages: 11 })).rejects.toThrow(/maxMessages/);
    await expect(receive({ priorities: ['P4'] })).rejects.toThrow(/priorities/);
    await expect(receive({ visibilityMs: -1 })).rejects.toThrow(/visibilityMs/);
    await expect(queue.send([message('P2', { body: 'a\0b' })])).rejects.toThrow(/NUL/);
    await expect(queue.send([message('P2', { id: '' })])).rejects.toThrow(/id/);
    await expect(queue.listDeadLetters({ limit: 0 })).rejects.toThrow(/limit/);
  });

  it('retention: expired messages and dead letters are purged, by purgeExpired and by the next receive', async () => {
    const queue = await open({ retentionMs: 300, deadLetterRetentionMs: 300 });
    await queue.send([message('P1'), message('P2')]);
    const [got] = await queue.receive({ priorities: ['P1'], maxMessages: 1, waitMs: 0 });
    await queue.deadLetter(got, 'bad body');
    await sleep(400);
    expect(await queue.purgeExpired()).toEqual({ messages: 1, deadLetters: 1 });
    const other = await open({ retentionMs: 300, deadLetterRetentionMs: 300 });
    await queue.send([message('P3')]);
    await sleep(400);
    expect(await other.receive({ priorities: ['P1'], maxMessages: 1, waitMs: 500 })).toEqual([]);
    expect((await other.depth()).tiers.P3.visible).toBe(0);
  });
});

function empty(): { visible: number; delayed: number; inFlight: number } {
  return { visible: 0, delayed: 0, inFlight: 0 };
}
