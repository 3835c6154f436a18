import { AdvisoryLeases } from '../../src/database/advisory-leases';
import type { Pool } from 'pg';
import { assertLogBelongsToCluster } from '../../src/database/log-cluster-guard';
import { checkCopy } from '../../src/event-store/log-copy/copy-check';
import { CopyRefusedError } from '../../src/event-store/log-copy/copy-plan';
import { SourceSnapshot } from '../../src/event-store/log-copy/source-snapshot';
import { copyEventLog } from '../../src/event-store/log-copy/event-log-copy';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { allReadable } from '../support/all-readable';
import { createEmbeddedTestDatabase, type EmbeddedTestDatabase } from '../support/embedded-test-database';
import { writeJobScenario } from '../support/job-scenarios';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const storeOf = (pool: Pool): PostgresEventStore =>
  new PostgresEventStore(pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });

async function one<T>(pool: Pool, sql: string, params: unknown[] = []): Promise<T> {
  return (await pool.query(sql, params)).rows[0] as T;
}

/** A log with what sits beside it: a held queue message, a dead letter, an archived history row, a checkpoint. */
async function seedSource(pool: Pool): Promise<void> {
  const store = storeOf(pool);
  await writeJobScenario(store, { directories: 3, outcome: (i) => (i === 1 ? 'retried_then_succeeded' : 'succeeded') });
  await writeJobScenario(store, { directories: 2, complete: false });
  const all = await allReadable(pool, store);
  await store.close();
  const middle = all[Math.floor(all.length / 2)];
  await pool.query("INSERT INTO subscription_checkpoints (subscription_id, checkpoint) VALUES ('dispatcher', $1)", [middle.checkpoint]);
  await pool.query(`INSERT INTO queue_messages (id, priority, body, visible_at, receipt, receive_count)
    VALUES ('held-1', 'P2', '{}', now() + interval '5 minutes', gen_random_uuid(), 1), ('ready-1', 'P3', '{}', now(), NULL, 0)`);
  await pool.query(
    "INSERT INTO queue_dead_letters (id, priority, body, sent_at, receive_count, error) VALUES ('dead-1', 'P1', '{}', now(), 3, 'boom')",
  );
  await pool.query(
    `INSERT INTO queue_history_archive (position, stream_id, job_id, event, actor, details, created_at)
    VALUES ($1, $2, 'job', $3, 'worker', '{}', now())`,
    [middle.globalPosition.toString(), middle.streamId, middle.type],
  );
  await pool.query(
    "INSERT INTO directories (id, name, url, submission_url, domain) VALUES ('d-1', 'One', 'https://one.test', 'https://one.test/add', 'one.test')",
  );
}

describe('copyEventLog: the machine PostgreSQL → a younger cluster (a fresh embedded database)', () => {
  let source: TestDatabase;
  let target: EmbeddedTestDatabase;

  beforeAll(async () => {
    source = await createTestDatabase('dbolt_test_copy_src');
    await seedSource(source.pool);
    target = await createEmbeddedTestDatabase();
  });
  afterAll(async () => {
    await target?.drop();
    await source?.drop();
  });

  it('re-sequences a log from a cluster whose transaction ids are ahead: every event readable there, in order, with its surroundings', async () => {
    const newest = await one<{ x: string }>(
      source.pool,
      'SELECT e.transaction_id::text AS x FROM events e ORDER BY e.transaction_id DESC LIMIT 1',
    );
    const next = await one<{ x: string }>(target.pool, 'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
    expect(BigInt(newest.x)).toBeGreaterThan(BigInt(next.x)); // a plain dump/restore would hide every event here

    const summary = await copyEventLog(source.pool, target.pool, 7);
    const sourceEvents = await allReadable(source.pool, storeOf(source.pool));
    const copied = await allReadable(target.pool, storeOf(target.pool));
    expect(summary.events).toBe(sourceEvents.length);
    expect(copied.map((e) => [e.metadata.eventId, e.streamId, e.streamVersion, e.recordedAt.getTime()])).toEqual(
      sourceEvents.map((e) => [e.metadata.eventId, e.streamId, e.streamVersion, e.recordedAt.getTime()]),
    );
    await expect(assertLogBelongsToCluster(target.pool)).resolves.toBeUndefined();

    const moved = summary.checkpoints.find((c) => c.subscriptionId === 'dispatcher')!;
    const at = copied.find((e) => e.checkpoint === moved.target)!;
    expect(at.metadata.eventId).toBe(sourceEvents.find((e) => e.checkpoint === moved.source)!.metadata.eventId);

    const held = await one<{ receipt: string | null; visible: boolean }>(
      target.pool,
      "SELECT receipt, visible_at <= now() AS visible FROM queue_messages WHERE id = 'held-1'",
    );
    expect(held).toEqual({ receipt: null, visible: true });
    expect(await one(target.pool, "SELECT count(*)::int AS n FROM queue_dead_letters WHERE id = 'dead-1'")).toEqual({ n: 1 });
    const archived = await one<{ position: string }>(target.pool, 'SELECT position::text AS position FROM queue_history_archive');
    expect(archived.position).toBe(at.globalPosition.toString());
    expect(await one(target.pool, 'SELECT count(*)::int AS n FROM directories')).toEqual({ n: 1 });
  });

  it('the final check fails loudly when the target has an event the source has not, or lacks a row', async () => {
    await storeOf(target.pool).appendToStream('stray-1', [{ type: 'ProbeRecorded', data: {} }], { expectedVersion: 'no_stream' });
    await target.pool.query("DELETE FROM directories WHERE id = 'd-1'");
    const snapshot = await SourceSnapshot.open(source.pool);
    try {
      const check = checkCopy(snapshot, target.pool, ['directories']);
      await expect(check).rejects.toThrow(/stream stray-1: 1 events in the target only/);
      await expect(check).rejects.toThrow(/events in the source, \d+ in the target/);
      await expect(check).rejects.toThrow(/table directories: 1 rows in the source, 0 in the target/);
    } finally {
      await snapshot.close();
    }
  });

  it('refuses a target that is not empty, a source with a table it has no treatment for, and a source an app is running on', async () => {
    await expect(copyEventLog(source.pool, target.pool, 100)).rejects.toThrow(/The target is not empty \(events/);
    const fresh = await createEmbeddedTestDatabase();
    try {
      await source.pool.query('CREATE TABLE unplanned_notes (id int)');
      await expect(copyEventLog(source.pool, fresh.pool, 100)).rejects.toThrow(
        new CopyRefusedError('The source has tables the copy does not know how to carry over: unplanned_notes (add them to the copy plan)'),
      );
      await source.pool.query('DROP TABLE unplanned_notes');
      const runner = new AdvisoryLeases(source.pool, { holder: 'a running app' });
      expect(await runner.tryAcquire('reaction:dispatcher')).toBe(true);
      await expect(copyEventLog(source.pool, fresh.pool, 100)).rejects.toThrow(
        /The app is running on the source database \(a running app holds a lease\): stop it first/,
      );
      await runner.close();
      expect(await one(fresh.pool, 'SELECT count(*)::int AS n FROM events')).toEqual({ n: 0 });
    } finally {
      await fresh.drop();
    }
  });
});
