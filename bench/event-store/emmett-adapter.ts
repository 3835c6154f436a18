import { dumbo, type Dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import { createBenchPool } from './bench-pool';
import type { BenchEvent, BenchStore, LogPage, LogReader } from './bench-types';

/**
 * Emmett's global read: `readMessagesBatch`, the function its consumers poll with. Called
 * directly because the consumer loop sleeps between batches (≥ its pulling frequency) and writes
 * processor checkpoints, which would measure its scheduler rather than its read.
 */
function emmettLogReader(db: Dumbo, pageSize: number): LogReader {
  let after = 0n;
  return {
    async nextPage(): Promise<LogPage> {
      const batch = await readMessagesBatch<BenchEvent>(db.execute, { after, batchSize: pageSize });
      after = batch.currentGlobalPosition;
      return {
        keys: batch.messages.map((message) => `${message.metadata.streamName}:${message.metadata.streamPosition}`),
        atEnd: batch.messages.length < pageSize,
      };
    },
  };
}

async function appendWithEmmett(
  store: PostgresEventStore,
  streamId: string,
  events: readonly BenchEvent[],
  expectedVersion: number,
): Promise<void> {
  // Emmett's STREAM_DOES_NOT_EXIST is not enforced; 0n is the version of a stream not yet written.
  await store.appendToStream<BenchEvent>(streamId, [...events], {
    expectedStreamVersion: BigInt(expectedVersion),
  });
}

/** Emmett's PostgreSQL event store on its own database, over a pg Pool of the same size as ours. */
export async function openEmmettStore(connectionString: string): Promise<BenchStore> {
  const pool = createBenchPool(connectionString, 'emmett');
  const db = dumbo({ connectionString, pool });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: db } });
  await store.schema.migrate();
  return {
    label: 'emmett',
    append: (streamId, events, expectedVersion) => appendWithEmmett(store, streamId, events, expectedVersion),
    openLogReader: (pageSize: number) => emmettLogReader(db, pageSize),
    async close() {
      await store.close();
      await pool.end();
    },
  };
}
