import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bootApp } from '../support/app-harness';
import { BlockingSubmitter } from '../support/blocking-submitter';
import { eventually } from '../support/eventually';
import { startFauxqs, type FauxqsProcess } from '../support/fauxqs-server';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { startFaultProxy, type FaultProxy } from '../support/tcp-fault-proxy';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const STACK_TRACE = /at \w+ \(|\.ts:\d+/;
/** The machine's server trusts local connections, so this password is sent and never checked: it only must not leak. */
const PASSWORD = `s3cret-${randomBytes(4).toString('hex')}`;

/** `/api/health`, `/ready` and `/live` against faults the test controls: a cut database connection, a frozen queue. */
describe('health endpoints for orchestrators', () => {
  describe('database reached through a connection the test can cut', () => {
    let db: TestDatabase;
    let proxy: FaultProxy;
    let app: INestApplication;
    const http = (): App => app.getHttpServer() as App;

    beforeAll(async () => {
      db = await createTestDatabase('dbolt_test_health', false);
      proxy = await startFaultProxy('127.0.0.1', Number(new URL(db.url).port || 5432));
      const url = new URL(db.url);
      url.port = String(proxy.port);
      url.password = PASSWORD;
      // Five requests a minute per IP: the health routes must not count against it.
      app = await bootApp({ DATABASE_URL: url.toString(), ROLES: 'api', RATE_LIMIT_PER_IP: '5', HEALTH_CHECK_TIMEOUT_MS: '2000' });
    });
    afterAll(async () => {
      await app?.close();
      await proxy?.close();
      await db?.drop();
    });

    it('answers ready and live with 200, naming each dependency, without rate limits or credentials', async () => {
      for (let i = 0; i < 8; i += 1) {
        await request(http()).get('/api/health/live').expect(200);
        await request(http()).get('/api/health/ready').expect(200);
      }
      const ready = await request(http()).get('/api/health/ready').expect(200);
      expect(ready.headers['cache-control']).toContain('no-store');
      expect(ready.body).toEqual({
        status: 'ok',
        checks: {
          database: expect.objectContaining({ status: 'up', mode: 'external', name: db.name }),
          eventStore: expect.objectContaining({ status: 'up', name: 'postgres' }),
          queue: expect.objectContaining({
            status: 'up',
            kind: 'postgres',
            tiers: expect.objectContaining({ P1: { visible: 0, delayed: 0, inFlight: 0 } }),
          }),
        },
      });
      const live = await request(http()).get('/api/health/live').expect(200);
      expect(live.body).toEqual({ status: 'ok', checks: { process: { status: 'up', uptimeSeconds: expect.any(Number) } } });
      const full = await request(http()).get('/api/health').expect(200);
      // This process has no worker role and no other process heartbeats: serving, but nothing will submit.
      expect(full.body.status).toBe('degraded');
      expect(full.body.checks.workers).toMatchObject({ status: 'degraded', live: 0, message: expect.stringContaining('no live worker') });
      expect(full.body.checks.projections).toMatchObject({
        status: 'up',
        projections: expect.objectContaining({ jobs: expect.objectContaining({ failing: false }) }),
      });
      expect(full.body.checks.breaker).toEqual({ status: 'up', state: null, worker: null });
      expect(JSON.stringify(full.body)).not.toContain(PASSWORD);
      // The limit is real: an ordinary route is refused after five.
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await request(http()).get('/api/queue/acme')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      await request(http()).get('/api/health').expect(200);
    });

    it('answers 503 on health and ready while the database is unreachable, keeps live at 200, and recovers', async () => {
      await proxy.cut();
      try {
        const ready = await request(http()).get('/api/health/ready').expect(503);
        expect(ready.body).toMatchObject({
          error: 'service_unavailable',
          status: 'unavailable',
          message: expect.stringContaining('database'),
          checks: { database: { status: 'down', message: expect.any(String) } },
        });
        const full = await request(http()).get('/api/health').expect(503);
        expect(full.body).toMatchObject({ error: 'service_unavailable', status: 'unavailable', checks: { database: { status: 'down' } } });
        // The workers check needs the database too; it degrades rather than failing on its own.
        expect(full.body.checks.workers).toMatchObject({ status: 'degraded', message: expect.stringContaining('not measured') });
        for (const body of [ready.body, full.body]) {
          expect(JSON.stringify(body)).not.toMatch(STACK_TRACE);
          expect(JSON.stringify(body)).not.toContain(PASSWORD);
        }
        const live = await request(http()).get('/api/health/live').expect(200);
        expect(live.body.status).toBe('ok');
      } finally {
        await proxy.restore();
      }
      await eventually(async () => ((await request(http()).get('/api/health/ready')).status === 200 ? true : null), { timeoutMs: 15_000 });
    });
  });

  describe('queue (SQS, here fauxqs) frozen by the test', () => {
    let sqs: FauxqsProcess;
    let db: TestDatabase;
    let app: INestApplication;
    const http = (): App => app.getHttpServer() as App;

    beforeAll(async () => {
      sqs = await startFauxqs();
      db = await createTestDatabase('dbolt_test_health_sqs', false);
      app = await bootApp({
        DATABASE_URL: db.url,
        ROLES: 'api',
        QUEUE: 'sqs',
        SQS_ENDPOINT: sqs.endpoint,
        SQS_QUEUE_PREFIX: `health-${randomBytes(3).toString('hex')}`,
        SQS_REQUEST_TIMEOUT_MS: '500',
        HEALTH_CHECK_TIMEOUT_MS: '1500',
      });
    });
    afterAll(async () => {
      sqs?.resume();
      await app?.close();
      await sqs?.stop();
      await db?.drop();
    });

    it('is ready with the queue answering, 503 naming the queue while it is frozen (live stays 200), ready again after', async () => {
      const before = await request(http()).get('/api/health/ready').expect(200);
      expect(before.body.checks.queue).toMatchObject({ status: 'up', kind: 'sqs', deadLetters: 0 });
      sqs.pause();
      try {
        const ready = await request(http()).get('/api/health/ready').expect(503);
        expect(ready.body).toMatchObject({
          error: 'service_unavailable',
          message: 'Not ready: queue is down',
          checks: { database: { status: 'up' }, eventStore: { status: 'up' }, queue: { status: 'down', message: expect.any(String) } },
        });
        expect(JSON.stringify(ready.body)).not.toMatch(STACK_TRACE);
        await request(http()).get('/api/health').expect(503);
        await request(http()).get('/api/health/live').expect(200);
      } finally {
        sqs.resume();
      }
      await eventually(async () => ((await request(http()).get('/api/health/ready')).status === 200 ? true : null), { timeoutMs: 15_000 });
    });
  });
});

describe('readiness while a worker process shuts down', () => {
  let pipeline: Pipeline;
  const submitter = new BlockingSubmitter();

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 1 });
  });
  afterAll(async () => {
    submitter.letGo();
    await pipeline?.close();
  });

  it('answers ready 503 shutting_down while the worker drains its submission, and live 200', async () => {
    const worker = await pipeline.startWorker(submitter, { WORKER_SHUTDOWN_GRACE_MS: '5000' });
    await worker.listen(0, '127.0.0.1');
    const base = await worker.getUrl();
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
    await pipeline.createJob(customerId('growth', 1));
    await eventually(() => submitter.calls.length === 1, { timeoutMs: 30_000 });
    const closing = worker.close();
    try {
      const ready = await eventually(
        async () => {
          const response = await fetch(`${base}/api/health/ready`);
          return response.status === 503 ? ((await response.json()) as object) : null;
        },
        { timeoutMs: 4_000, message: 'readiness to fail once the worker is closing' },
      );
      expect(ready).toEqual({
        error: 'service_unavailable',
        message: 'Not ready: the process is shutting down',
        status: 'shutting_down',
        checks: {},
      });
      expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    } finally {
      submitter.letGo();
      await closing;
    }
  });
});
