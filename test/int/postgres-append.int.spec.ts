import { randomUUID } from 'node:crypto';
import { InvalidAppendError, WrongExpectedVersionError } from '../../src/event-store/event-store.errors';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { someEvents, uniqueStream } from '../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('PostgreSQL adapter specifics (machine PostgreSQL)', () => {
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

  it('a batch mixing stored and new event ids appends only the new ones', async () => {
    const stream = uniqueStream();
    const stored = { type: 'A', data: {}, metadata: { eventId: randomUUID() } };
    await store.appendToStream(stream, [stored], { expectedVersion: 'no_stream' });
    const result = await store.appendToStream(stream, [stored, { type: 'B', data: {} }], { expectedVersion: 1 });
    expect(result).toMatchObject({ nextVersion: 2, appended: true });
    expect((await store.readStream(stream)).events.map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('refuses an event id already stored in another stream', async () => {
    const eventId = randomUUID();
    await store.appendToStream(uniqueStream(), [{ type: 'A', data: {}, metadata: { eventId } }], { expectedVersion: 'any' });
    const other = uniqueStream();
    const attempt = store.appendToStream(other, [{ type: 'A', data: {}, metadata: { eventId } }], { expectedVersion: 'any' });
    await expect(attempt).rejects.toBeInstanceOf(InvalidAppendError);
    expect((await store.readStream(other)).version).toBe(0);
  });

  it('20 concurrent no_stream appends to a new stream: exactly one creates it', async () => {
    const stream = uniqueStream();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.appendToStream(stream, someEvents(2), { expectedVersion: 'no_stream' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream(stream)).version).toBe(2);
  });

  it('20 concurrent "any" appends to one stream all land with dense versions', async () => {
    const stream = uniqueStream();
    await Promise.all(Array.from({ length: 20 }, () => store.appendToStream(stream, someEvents(1), { expectedVersion: 'any' })));
    const { events, version } = await store.readStream(stream);
    expect(version).toBe(20);
    expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('the same event appended concurrently by two writers is stored once', async () => {
    const stream = uniqueStream();
    const event = { type: 'Once', data: {}, metadata: { eventId: randomUUID() } };
    const results = await Promise.all(Array.from({ length: 10 }, () => store.appendToStream(stream, [event], { expectedVersion: 'any' })));
    expect(results.filter((r) => r.appended)).toHaveLength(1);
    expect((await store.readStream(stream)).version).toBe(1);
  });

  it('the events table refuses updates and deletes', async () => {
    await store.appendToStream(uniqueStream(), someEvents(1), { expectedVersion: 'any' });
    await expect(db.pool.query("UPDATE events SET event_type = 'Rewritten'")).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM events')).rejects.toThrow(/append-only/);
  });
});
