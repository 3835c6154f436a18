import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { EVENTS_CHANNEL, PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { someEvents, uniqueStream } from '../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Slow enough that only a NOTIFY can explain a delivery well before it. */
const POLL_MS = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function deliveredWithin(received: RecordedEvent[], count: number, ms: number): Promise<number> {
  const started = Date.now();
  while (received.length < count && Date.now() - started < ms) await sleep(10);
  return received.length;
}

describe('PostgreSQL event store: subscriptions woken across processes by NOTIFY', () => {
  let db: TestDatabase;
  let reader: PostgresEventStore;
  let writer: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two stores on one database, as two processes would have: only NOTIFY connects them.
    reader = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: POLL_MS, listen: true });
    writer = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: POLL_MS, listen: true });
  });
  afterAll(async () => {
    await reader.close();
    await writer.close();
    await db.drop();
  });

  const subscribe = async (stream: string, received: RecordedEvent[]) => {
    const subscription = reader.subscribeToAll({ handler: async (e) => void (e.streamId === stream && received.push(e)) });
    while (!subscription.isLive) await sleep(10);
    await sleep(300); // its LISTEN connection is up
    return subscription;
  };

  it("delivers another store's append long before the poll interval", async () => {
    const stream = uniqueStream('wake');
    const received: RecordedEvent[] = [];
    const subscription = await subscribe(stream, received);
    for (let round = 1; round <= 3; round += 1) {
      await writer.appendToStream(stream, someEvents(1), { expectedVersion: 'any' });
      expect(await deliveredWithin(received, round, 3_000)).toBe(round);
    }
    await subscription.stop();
  });

  it('listens again after the server ends its LISTEN connection', async () => {
    const stream = uniqueStream('relisten');
    const received: RecordedEvent[] = [];
    const subscription = await subscribe(stream, received);
    const ended = await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = $1`,
      [`LISTEN ${EVENTS_CHANNEL}`],
    );
    expect(ended.rowCount).toBeGreaterThanOrEqual(1);
    await sleep(1_500); // listens again after 1 s
    await writer.appendToStream(stream, someEvents(1), { expectedVersion: 'any' });
    expect(await deliveredWithin(received, 1, 3_000)).toBe(1);
    await subscription.stop();
  });
});
