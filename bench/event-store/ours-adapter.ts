import { runMigrations } from '../../src/database/migration-runner';
import type { Checkpoint } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { createBenchPool } from './bench-pool';
import type { BenchEvent, BenchStore, LogPage, LogReader } from './bench-types';

function oursLogReader(store: PostgresEventStore, pageSize: number): LogReader {
  let after: Checkpoint | null = null;
  return {
    async nextPage(): Promise<LogPage> {
      const slice = await store.readAll({ after, maxCount: pageSize });
      after = slice.checkpoint;
      return {
        keys: slice.events.map((event) => `${event.streamId}:${event.streamVersion}`),
        atEnd: slice.events.length < pageSize,
      };
    },
  };
}

/** Our PostgreSQL event store on its own migrated database, pool of POOL_SIZE. */
export async function openOursStore(connectionString: string): Promise<BenchStore> {
  const pool = createBenchPool(connectionString, 'ours');
  await runMigrations(pool);
  const store = new PostgresEventStore(pool, {
    maxEventBytes: 1_048_576,
    pollIntervalMs: 500,
    listen: false,
  });
  return {
    label: 'ours',
    async append(streamId: string, events: readonly BenchEvent[], expectedVersion: number) {
      await store.appendToStream(streamId, events, { expectedVersion });
    },
    openLogReader: (pageSize: number) => oursLogReader(store, pageSize),
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
