import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { createTestDatabase } from '../support/test-database';
import { describeEventStoreContract } from './event-store.contract';

const maxEventBytes = 64 * 1024;

describeEventStoreContract('PostgreSQL (machine server)', async () => {
  const db = await createTestDatabase();
  const store = new PostgresEventStore(db.pool, { maxEventBytes, pollIntervalMs: 250, listen: true });
  return {
    store,
    maxEventBytes,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});
