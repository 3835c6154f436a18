import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { openPostgresQueue } from '../../src/queue/postgres/postgres.queue';
import type { MessageQueue } from '../../src/queue/queue.port';
import { parseSubmissionMessage } from '../../src/queue/submission-message';
import { bootApp } from '../support/app-harness';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { staffSession, type TestSession } from '../support/sessions';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const JOBS = 600;
const DIRECTORIES = 5;
const EXPECTED = JOBS * DIRECTORIES;

async function queuedCount(queue: MessageQueue): Promise<number> {
  const { tiers } = await queue.depth();
  return tiers.P1.visible + tiers.P2.visible + tiers.P3.visible;
}

/**
 * SIGKILL the dispatcher while it turns appended events into messages (some sent,
 * some not); after a restart every submission has its message — nothing lost between the
 * append and the send — and the resent page adds no duplicate (message ids derive from events).
 */
describe('dispatcher killed between append and send (machine PostgreSQL, built app)', () => {
  let db: TestDatabase;
  let api: INestApplication;
  let queue: MessageQueue;
  let dispatcher: AppProcess | null = null;
  let staff: TestSession;
  const env = (): Record<string, string> => ({
    DATABASE_URL: db.url,
    ROLES: 'dispatcher',
    PROJECTION_BATCH_SIZE: '10',
    SUBSCRIPTION_POLL_MS: '50',
    RETENTION_INTERVAL_MINUTES: '0',
    DEMO: 'false',
  });

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_chaos_dispatch');
    staff = await staffSession(db.pool, { role: 'staff' });
    const ids = Array.from({ length: DIRECTORIES }, (_, i) => `dir-${i + 1}`);
    await db.pool.query(
      `INSERT INTO directories (id, name, url, submission_url, domain) SELECT id, id, 'https://x.test', 'https://x.test/add', id || '.test' FROM unnest($1::text[]) id`,
      [ids],
    );
    await db.pool.query(
      `INSERT INTO customers (id, business_name, email, package_tier, package_size) VALUES ('c1', 'Chaos Co', 'c@x.test', 'pro', ${DIRECTORIES})`,
    );
    api = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', RETENTION_INTERVAL_MINUTES: '0' });
    await api.listen(0, '127.0.0.1');
    queue = await openPostgresQueue({
      pool: db.pool,
      settings: {
        visibilityTimeoutMs: 60_000,
        maxReceiveCount: 3,
        receiveWaitMs: 0,
        retentionMs: 86_400_000,
        deadLetterRetentionMs: 86_400_000,
      },
      listen: false,
    });
  }, 120_000);
  afterAll(async () => {
    dispatcher?.child.kill('SIGKILL');
    await queue?.close();
    await api?.close();
    await db?.drop();
  });

  it('sends every message after a restart, none twice', async () => {
    const http = api.getHttpServer() as App;
    for (let i = 0; i < JOBS; i += 20) {
      await Promise.all(Array.from({ length: 20 }, () => request(http).post('/api/queue/c1').set(staff.headers).expect(201)));
    }
    expect(await queuedCount(queue)).toBe(0);

    dispatcher = await startAppProcess(env());
    await eventually(async () => ((await queuedCount(queue)) >= EXPECTED / 10 ? true : null), { timeoutMs: 60_000 });
    dispatcher.child.kill('SIGKILL');
    await dispatcher.exited;
    const atKill = await queuedCount(queue);
    // The kill landed mid-dispatch: events appended, some of their messages not yet sent.
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(EXPECTED);

    dispatcher = await startAppProcess(env());
    await waitForHealth(dispatcher);
    await eventually(async () => ((await queuedCount(queue)) >= EXPECTED ? true : null), { timeoutMs: 120_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await queuedCount(queue)).toBe(EXPECTED);

    const seen = new Map<string, number>();
    for (
      let batch = await queue.receive({ priorities: ['P1'], maxMessages: 10, waitMs: 0 });
      batch.length > 0;
      batch = await queue.receive({ priorities: ['P1'], maxMessages: 10, waitMs: 0 })
    ) {
      for (const message of batch) {
        const parsed = parseSubmissionMessage(message.body);
        if (!parsed.ok) throw new Error(parsed.reason);
        const key = `${parsed.message.jobId}/${parsed.message.directoryId}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(EXPECTED);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  });
});
