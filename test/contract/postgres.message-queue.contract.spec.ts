import type { QueueSettings } from '../../src/queue/queue.port';
import { openPostgresQueue } from '../../src/queue/postgres/postgres.queue';
import { TEST_BACKENDS, type BackendDatabase, type TestBackend } from '../support/test-backends';
import { describeMessageQueueContract, type QueueSubject } from './message-queue.contract';
import { reopenableSubject } from './message-queue.fixtures';

// One database per backend, not per test: a fresh PGlite costs seconds.
const databases = new Map<TestBackend, Promise<BackendDatabase>>();
const databaseFor = (backend: TestBackend): Promise<BackendDatabase> => {
  const existing = databases.get(backend);
  if (existing) return existing;
  const created = backend.create();
  databases.set(backend, created);
  return created;
};

afterAll(async () => {
  for (const db of databases.values()) await (await db).drop();
});

for (const backend of TEST_BACKENDS) {
  describeMessageQueueContract(`PostgreSQL adapter on ${backend.name}`, async (settings: QueueSettings): Promise<QueueSubject> => {
    const db = await databaseFor(backend);
    // The contract wants an empty queue per test; migration 009's tables are the whole queue.
    await db.pool.query('TRUNCATE queue_messages, queue_dead_letters');
    return reopenableSubject(() => openPostgresQueue({ pool: db.pool, settings, listen: backend.listen }));
  });
}
