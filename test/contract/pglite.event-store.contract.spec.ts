import { PostgresEventStore } from '../../src/event-store/postgres/postgres.event-store';
import { createEmbeddedTestDatabase } from '../support/embedded-test-database';
import { describeEventStoreContract } from './event-store.contract';

const maxEventBytes = 64 * 1024;

describeEventStoreContract('PostgreSQL adapter on embedded PGlite', async () => {
  const db = await createEmbeddedTestDatabase();
  const store = new PostgresEventStore(db.pool, { maxEventBytes, pollIntervalMs: 250, listen: false });
  return {
    store,
    maxEventBytes,
    cleanup: async () => {
      await store.close();
      await db.drop();
    },
  };
});
