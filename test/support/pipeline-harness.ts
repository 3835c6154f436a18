import type { INestApplication } from '@nestjs/common';
import type { TestingModuleBuilder } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/event-store/event-store.port';
import { jobStreamId, type PackageTier } from '../../src/jobs/job.events';
import { MESSAGE_QUEUE, type MessageQueue } from '../../src/queue/queue.port';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { SUBMITTER, type Submitter } from '../../src/workers/submitter.port';
import { bootApp } from './app-harness';
import { eventually } from './eventually';
import type { LogCapture } from './log-capture';
import { staffSession } from './sessions';
import { createTestDatabase, type TestDatabase } from './test-database';

/** An admin session's headers, filled in by startPipeline once its database exists. */
export const staff: Record<string, string> = {};

/** Short timings so queue behaviour shows within seconds; everything else as in production. */
export const FAST_SETTINGS: Readonly<Record<string, string>> = {
  SUBSCRIPTION_POLL_MS: '50',
  QUEUE_RECEIVE_WAIT_MS: '1000',
  QUEUE_VISIBILITY_TIMEOUT_MS: '3000',
  WORKER_HEARTBEAT_MS: '300',
  WORKER_STALE_AFTER_MS: '2000',
  QUEUE_DLQ_SCAN_MS: '200',
  STALE_SWEEP_INTERVAL_MS: '300',
  RETRY_BASE_DELAY_MS: '300',
  RETRY_MIN_DELAY_MS: '100',
  RETRY_MAX_DELAY_MS: '1000',
  RETRY_MAX_ATTEMPTS: '3',
  WORKER_SHUTDOWN_GRACE_MS: '2000',
};

export interface Pipeline {
  readonly db: TestDatabase;
  readonly control: INestApplication;
  readonly store: EventStore;
  readonly queue: MessageQueue;
  http(): App;
  /** A process-like worker: an app with only the `worker` role and this submitter. */
  startWorker(submitter: Submitter, env?: Record<string, string>): Promise<INestApplication>;
  /**
   * Forced: these suites run many jobs of one customer's listing and count one submission per job
   * and directory; suppression across jobs has its own tests (duplicate-suppression specs).
   */
  createJob(customerId: string): Promise<string>;
  jobEvents(jobId: string): Promise<RecordedEvent[]>;
  submissionEvents(jobId: string, directoryId: string): Promise<RecordedEvent[]>;
  waitForJob(jobId: string, types: readonly string[], timeoutMs?: number): Promise<RecordedEvent>;
  close(): Promise<void>;
}

/**
 * A fresh database with `directories` catalog entries and one customer per (tier, size), a
 * control app (api, projector, reactor, dispatcher) and workers started on demand — separate
 * Nest apps on one database, as separate processes would be.
 */
export async function startPipeline(options: { directories: number; env?: Record<string, string>; logs?: LogCapture }): Promise<Pipeline> {
  const db = await createTestDatabase('dbolt_test_pipeline');
  await seed(db, options.directories);
  Object.assign(staff, (await staffSession(db.pool)).headers);
  const env = { DATABASE_URL: db.url, ...FAST_SETTINGS, ...options.env };
  // With `logs`, every app writes its JSON lines there (LOG_LEVEL as the test's env says).
  const logs = options.logs;
  const withLogs = (builder: TestingModuleBuilder): TestingModuleBuilder => (logs ? logs.override(builder) : builder);
  const control = await bootApp({ ...env, ROLES: 'api,projector,reactor,dispatcher' }, withLogs, { jsonLogs: logs !== undefined });
  await control.listen(0, '127.0.0.1');
  const store = control.get<EventStore>(EVENT_STORE);
  const queue = control.get<MessageQueue>(MESSAGE_QUEUE);
  const workers: INestApplication[] = [];
  const http = (): App => control.getHttpServer() as App;
  const readAll = async (streamId: string): Promise<RecordedEvent[]> => [...(await store.readStream(streamId)).events];
  return {
    db,
    control,
    store,
    queue,
    http,
    startWorker: async (submitter, workerEnv = {}) => {
      const worker = await bootApp(
        { ...env, ROLES: 'worker', ...workerEnv },
        (builder) => withLogs(builder.overrideProvider(SUBMITTER).useValue(submitter)),
        { jsonLogs: logs !== undefined },
      );
      workers.push(worker);
      return worker;
    },
    createJob: async (customerId) => {
      const response = await request(http()).post(`/api/queue/${customerId}`).set(staff).send({ force: true }).expect(201);
      return response.body.jobId as string;
    },
    jobEvents: (jobId) => readAll(jobStreamId(jobId)),
    submissionEvents: (jobId, directoryId) => readAll(submissionStreamId(jobId, directoryId)),
    waitForJob: (jobId, types, timeoutMs = 30_000) =>
      eventually(async () => (await readAll(jobStreamId(jobId))).find((e) => types.includes(e.type)) ?? null, { timeoutMs }),
    close: async () => {
      for (const worker of workers) await worker.close().catch(() => undefined);
      await control.close();
      await db.drop();
    },
  };
}

/** Customer ids: `<tier>-<size>` for sizes 1, 3 and `directories`. */
export function customerId(tier: PackageTier, size: number): string {
  return `${tier}-${size}`;
}

async function seed(db: TestDatabase, directories: number): Promise<void> {
  const ids = Array.from({ length: directories }, (_, i) => `dir-${String(i + 1).padStart(3, '0')}`);
  await db.pool.query(
    `INSERT INTO directories (id, name, url, submission_url, domain, domain_authority)
     SELECT id, 'Directory ' || id, 'https://' || id || '.test', 'https://' || id || '.test/add', id || '.test', 50 FROM unnest($1::text[]) AS id`,
    [ids],
  );
  const sizes = [...new Set([1, 3, directories])].filter((size) => size <= directories);
  for (const tier of ['enterprise', 'pro', 'growth', 'starter'] as const) {
    for (const size of sizes) {
      await db.pool.query(
        `INSERT INTO customers (id, business_name, email, website, package_tier, package_size) VALUES ($1, $2, $3, $4, $5, $6)`,
        [customerId(tier, size), `Biz ${tier} ${size}`, `owner@${tier}-${size}.test`, `https://${tier}-${size}.test`, tier, size],
      );
    }
  }
}
