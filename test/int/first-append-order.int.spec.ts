import { Pool } from 'pg';
import type { RecordedEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { headCheckpoint, uniqueStream, waitUntilReadable } from '../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { eventually } from '../support/eventually';

const GATE = 73_045_013;
const HELD = 'held-first-writer';
const OTHER = 'other-first-writer';

/**
 * A test-only hook: the writer named HELD draws its transaction id as its stream insert would,
 * then waits at the gate the test holds. That is the moment two first appends race: one has its
 * id, the other has not started.
 */
const HOLD_HOOK = `
CREATE FUNCTION test_hold_first_append() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('application_name') = '${HELD}' THEN
    PERFORM pg_current_xact_id();
    PERFORM pg_advisory_lock_shared(${GATE});
    PERFORM pg_advisory_unlock_shared(${GATE});
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER test_hold_first_append BEFORE INSERT ON streams
  FOR EACH ROW EXECUTE FUNCTION test_hold_first_append();`;

describe('first appends of one stream racing (machine PostgreSQL)', () => {
  let db: TestDatabase;
  const pools: Pool[] = [];
  const stores: PostgresEventStore[] = [];

  const storeNamed = (name: string): PostgresEventStore => {
    const pool = new Pool({ connectionString: db.url, application_name: name, max: 2 });
    // The teardown's DROP DATABASE ... WITH (FORCE) ends any connection still open (57P01); that must not crash the run.
    pool.on('error', () => undefined);
    pools.push(pool);
    const store = new PostgresEventStore(pool, { maxEventBytes: 1 << 20, pollIntervalMs: 200, listen: false });
    stores.push(store);
    return store;
  };
  const waitingOnLock = async (name: string): Promise<boolean> => {
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND wait_event_type = 'Lock'`,
      [name],
    );
    return rows.length > 0;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(HOLD_HOOK);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await Promise.all(pools.map((p) => p.end()));
    await db.drop();
  });

  it('two first appends with "any": the writer that drew the lower transaction id gets version 1, so global order agrees with stream versions', async () => {
    const stream = uniqueStream('first-race');
    const reader = storeNamed('reader');
    const head = await headCheckpoint(reader);
    const gate = await db.pool.connect();
    try {
      await gate.query('SELECT pg_advisory_lock($1)', [GATE]);
      const held = storeNamed(HELD).appendToStream(stream, [{ type: 'Raced', data: { writer: 'held' } }], { expectedVersion: 'any' });
      await eventually(() => waitingOnLock(HELD), { timeoutMs: 10_000, intervalMs: 20, message: 'the held writer to reach the gate' });
      let otherDone = false;
      const other = storeNamed(OTHER)
        .appendToStream(stream, [{ type: 'Raced', data: { writer: 'other' } }], { expectedVersion: 'any' })
        .finally(() => {
          otherDone = true;
        });
      // Either it lands now (the race) or it waits for the stream, which the held writer owns.
      await eventually(async () => otherDone || (await waitingOnLock(OTHER)), {
        timeoutMs: 10_000,
        intervalMs: 20,
        message: 'the other writer to land or wait',
      });
      await gate.query('SELECT pg_advisory_unlock($1)', [GATE]);
      await Promise.all([held, other]);
    } finally {
      await gate.query('SELECT pg_advisory_unlock_all()');
      gate.release();
    }
    await waitUntilReadable(reader, head, 2, (e) => e.streamId === stream);
    const inGlobalOrder = (await reader.readAll({ after: head })).events.filter((e: RecordedEvent) => e.streamId === stream);
    expect(inGlobalOrder.map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(inGlobalOrder.map((e) => (e.data as { writer: string }).writer)).toEqual(['held', 'other']);
  });
});
