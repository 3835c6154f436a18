import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Pool } from 'pg';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { allReadable } from '../support/all-readable';
import { bootApp } from '../support/app-harness';
import { startAppProcess } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const NO_BACKGROUND = 'api';

/**
 * A log restored (pg_dump/restore, logical replication) into a cluster whose transaction counter
 * is lower keeps the old cluster's transaction ids: readAll hides those events and new ones sort
 * before them. Simulated by storing events with ids ahead of the cluster's counter.
 */
async function simulateRestoreFromOlderCluster(pool: Pool, count: number): Promise<void> {
  for (let version = 1; version <= count; version++) {
    await pool.query(
      `INSERT INTO events (transaction_id, stream_id, stream_version, event_id, event_type, data, metadata)
       VALUES (((pg_current_xact_id()::text)::bigint + 1000000)::text::xid8, 'restored-1', $1, $2, 'ProbeRecorded', '{}', '{}')`,
      [version, randomUUID()],
    );
  }
}

describe('boot guard: a log from another database cluster (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  const env = (): Record<string, string> => ({ DATABASE_URL: db.url, ROLES: NO_BACKGROUND });

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_xid_guard');
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('boots on an empty log and on a log written in this cluster', async () => {
    app = await bootApp(env());
    await app.close();
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    await store.appendToStream('local-1', [{ type: 'ProbeRecorded', data: {} }], { expectedVersion: 'no_stream' });
    await allReadable(db.pool, store);
    await store.close();
    app = await bootApp(env());
    await app.close();
    app = undefined;
  });

  it('refuses to boot on a log whose transaction ids are ahead of the cluster, naming the copy command', async () => {
    await simulateRestoreFromOlderCluster(db.pool, 3);
    const store = new PostgresEventStore(db.pool, { maxEventBytes: 1 << 20, pollIntervalMs: 50, listen: false });
    const page = await store.readAll({ maxCount: 100 });
    await store.close();
    // The defect the guard stands for: the restored events are silently invisible to every reader.
    expect(page.events.map((event) => event.streamId)).not.toContain('restored-1');

    await expect(bootApp(env()).then((booted) => (app = booted))).rejects.toThrow(/events copy --from .* --to /);
  });

  it('the built app process exits 1 and says why, naming the copy command', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dbolt-xid-guard-'));
    const child = await startAppProcess({ ...env(), DATA_DIR: dataDir });
    expect(await child.exited).toBe(1);
    await rm(dataDir, { recursive: true, force: true });
    expect(child.output()).toContain('The event log was written in another PostgreSQL cluster');
    expect(child.output()).toContain('npm run cli -- events copy --from <this database> --to <a new, empty database>');
  });
});
