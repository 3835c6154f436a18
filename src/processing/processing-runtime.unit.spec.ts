import { Pool } from 'pg';
import type { EventStore } from '../event-store/event-store.port';
import type { Reaction } from './reaction';
import { ProcessingRuntime } from './processing-runtime';

const options = { batchSize: 10, standbyRetryMs: 1000, onError: () => undefined };

describe('ProcessingRuntime', () => {
  // Nothing here reaches the database or the log: the check runs before anything starts.
  const pool = new Pool({ host: '127.0.0.1' });
  const store = new Proxy({} as EventStore, {
    get: (_target, key) => {
      throw new Error(`not expected to use ${String(key)}`);
    },
  });
  afterAll(() => pool.end());

  it('refuses to run a reaction that says nothing of some types of a stream it reads', () => {
    const reaction: Reaction = { name: 'starts-only', handles: ['JobStarted'], ignores: ['JobCreated'], react: async () => undefined };
    expect(() => new ProcessingRuntime(pool, store).reactor(reaction, options)).toThrow(
      /starts-only neither handles nor ignores JobQueued, JobRequeued, .*JobStatusOverridden/,
    );
  });
});
