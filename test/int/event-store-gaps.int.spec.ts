import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { headCheckpoint, waitUntilReadable } from '../support/event-store-fixtures';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Appends inside a caller-held transaction, so a test can decide when it commits. */
async function appendInOpenTransaction(client: PoolClient, streamId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  const events = ids.map((id) => ({
    id,
    type: 'GapProbe',
    data: { id },
    metadata: {
      eventId: id,
      correlationId: id,
      causationId: id,
      actor: { kind: 'system', id: 'test' },
      timestamp: new Date().toISOString(),
    },
  }));
  await client.query('SELECT * FROM append_to_stream($1, $2, NULL, $3::jsonb)', [streamId, 'any', JSON.stringify(events)]);
  return ids;
}

/** The reader the design warns about: resume after the highest position seen. */
async function naiveReadAfter(db: TestDatabase, position: number): Promise<{ id: string; position: number }[]> {
  const { rows } = await db.pool.query<{ event_id: string; position: string }>(
    'SELECT event_id, position FROM events WHERE position > $1 ORDER BY position',
    [position],
  );
  return rows.map((r) => ({ id: r.event_id, position: Number(r.position) }));
}

describe('global order under concurrent writers (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 200, listen: true });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('a naive ORDER BY position reader skips an event that commits late; readAll does not', async () => {
    const head = await headCheckpoint(store);
    const startPosition = Number((await db.pool.query('SELECT coalesce(max(position), 0) AS p FROM events')).rows[0].p);
    const slow = await db.pool.connect();
    const fast = await db.pool.connect();
    try {
      await slow.query('BEGIN');
      const [early] = await appendInOpenTransaction(slow, `gap-${randomUUID()}`, 1);
      const [late] = await appendInOpenTransaction(fast, `gap-${randomUUID()}`, 1);

      const naiveFirst = await naiveReadAfter(db, startPosition);
      const oursWhileOpen = await store.readAll({ after: head });
      await slow.query('COMMIT');
      await waitUntilReadable(store, head, 2, (e) => [early, late].includes(e.metadata.eventId));
      const naiveSecond = await naiveReadAfter(db, naiveFirst[naiveFirst.length - 1].position);
      const oursAfterCommit = await store.readAll({ after: oursWhileOpen.checkpoint });

      const naiveSeen = [...naiveFirst, ...naiveSecond].map((e) => e.id);
      expect(naiveSeen).toEqual([late]); // the naive reader has lost `early` for good
      expect(oursWhileOpen.events).toHaveLength(0); // ours waits for the open transaction
      expect(oursAfterCommit.events.map((e) => e.metadata.eventId)).toEqual([early, late]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      slow.release();
      fast.release();
    }
  });

  it('8 writers with randomly held transactions, 10,000 events: a live subscriber gets each exactly once', async () => {
    const writers = 8;
    const perWriter = 1250;
    const head = await headCheckpoint(store);
    const received: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({ from: head, batchSize: 500, handler: async (e) => void received.push(e) });

    const written = await Promise.all(Array.from({ length: writers }, (_, w) => runWriter(db, w, perWriter)));
    const allIds = written.flat();
    expect(allIds).toHaveLength(writers * perWriter);
    await eventually(() => received.length >= allIds.length, {
      timeoutMs: 60_000,
      intervalMs: 20,
      message: 'subscriber to receive every event',
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show up
    await subscription.stop();

    const receivedIds = received.map((e) => e.metadata.eventId);
    expect(receivedIds).toHaveLength(allIds.length);
    expect(new Set(receivedIds).size).toBe(allIds.length);
    expect(new Set(receivedIds)).toEqual(new Set(allIds));
    assertStreamOrder(received);
  });
});

/** One writer: batches of 1-3 events over 40 streams, each transaction held open 0-4 ms. */
async function runWriter(db: TestDatabase, writer: number, total: number): Promise<string[]> {
  const client = await db.pool.connect();
  const ids: string[] = [];
  try {
    while (ids.length < total) {
      const count = Math.min(total - ids.length, 1 + Math.floor(Math.random() * 3));
      const stream = `gap-w${writer}-s${Math.floor(Math.random() * 40)}`;
      await client.query('BEGIN');
      ids.push(...(await appendInOpenTransaction(client, stream, count)));
      await client.query('SELECT pg_sleep($1)', [Math.random() * 0.004]);
      await client.query('COMMIT');
    }
    return ids;
  } finally {
    client.release();
  }
}

function assertStreamOrder(events: readonly RecordedEvent[]): void {
  const last = new Map<string, number>();
  for (const event of events) {
    expect(event.streamVersion).toBe((last.get(event.streamId) ?? 0) + 1);
    last.set(event.streamId, event.streamVersion);
  }
}
