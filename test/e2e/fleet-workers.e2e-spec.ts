import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { BrowserState } from '../../src/workers/submitter.port';
import { WorkerHeartbeat } from '../../src/workers/worker-heartbeat';
import { BlockingSubmitter } from '../support/blocking-submitter';
import { eventually } from '../support/eventually';
import { customerId, staff, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { customerSession, staffSession } from '../support/sessions';

/** A submitter that holds its submissions and reports a browser, as the Playwright one does. */
class HoldingBrowserSubmitter extends BlockingSubmitter {
  browserState(): BrowserState {
    return { launched: true, restarts: 2, openContexts: 1 };
  }
}

interface ListedWorker {
  readonly id: string;
  readonly stale: boolean;
  readonly inFlight: readonly { readonly jobId: string; readonly directoryId: string }[];
  readonly activity: { readonly attemptsStarted: number; readonly succeeded: number } | null;
}

/**
 * GET /api/admin/workers over a real worker process (an app with only the `worker` role) holding a
 * submission, a worker that went silent, and one that stopped cleanly; and /api/health counting them.
 */
describe('fleet view (machine PostgreSQL)', () => {
  let pipeline: Pipeline;
  let worker: INestApplication;
  const submitter = new HoldingBrowserSubmitter();
  const list = (query = ''): request.Test => request(pipeline.http()).get(`/api/admin/workers${query}`).set(staff);

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 1 });
    worker = await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '3', WORKER_AUTOSCALE: 'false' });
    const pool = pipeline.db.pool;
    // Written by the real heartbeat, then silenced past the stale threshold (2 s in the pipeline's settings).
    const silent = new WorkerHeartbeat(pool, 'host-b-4242-dead', {
      roles: ['worker', 'api'],
      browser: () => ({ launched: true, restarts: 0, openContexts: 1 }),
    });
    await silent.beat({
      status: 'running',
      concurrency: { limit: 2, max: 4 },
      inFlight: [{ jobId: 'job-gone', directoryId: 'dir-gone', messageId: 'm-1', priority: 'P3', receipt: 'r-1' }],
    });
    await pool.query("UPDATE worker_heartbeats SET last_heartbeat = now() - interval '10 minutes' WHERE worker_id = 'host-b-4242-dead'");
    await new WorkerHeartbeat(pool, 'host-c-7-stopped').beat({ status: 'stopped', inFlight: [] });
  }, 120_000);
  afterAll(async () => {
    submitter.letGo();
    await pipeline?.close();
  });

  it('lists the live worker with its roles, in-flight submission, concurrency, browser and breaker, and the silent one as stale', async () => {
    const jobId = await pipeline.createJob(customerId('growth', 1));
    await eventually(() => submitter.calls.length === 1, { timeoutMs: 30_000 });
    const body = await eventually(
      async () => {
        const response = await list().expect(200);
        const live = (response.body.workers as ListedWorker[]).find((w) => !w.stale);
        return live && live.inFlight.length === 1 && live.activity !== null ? response.body : null;
      },
      { timeoutMs: 15_000, message: 'the live worker to report its in-flight submission and its attempt to be projected' },
    );
    expect(body).toMatchObject({ staleAfterSeconds: 2, truncated: false, counts: { live: 1, stale: 1, stopped: 1, paused: 0 } });
    expect(body.workers).toHaveLength(2);
    const [live, silent] = body.workers;
    expect(live).toEqual({
      id: expect.stringMatching(/-\d+-[0-9a-f]{4}$/),
      host: expect.any(String),
      pid: process.pid,
      roles: ['worker'],
      status: 'running',
      stale: false,
      lastHeartbeat: expect.any(String),
      silentSeconds: expect.any(Number),
      startedAt: expect.any(String),
      inFlight: [{ jobId, directoryId: 'dir-001', priority: 'P2', messageId: expect.any(String) }],
      concurrency: { limit: 3, max: 3 },
      browser: { launched: true, restarts: 2, openContexts: 1 },
      breaker: { state: 'closed', consecutiveFailures: 0, timesOpened: 0, openedAt: null, lastError: null },
      activity: { attemptsStarted: 1, succeeded: 0, failed: 0, needsManual: 0, retriesScheduled: 0, lastEventAt: expect.any(String) },
    });
    expect(live.silentSeconds).toBeLessThan(2);
    expect(JSON.stringify(body)).not.toContain('receipt');
    expect(silent).toMatchObject({
      id: 'host-b-4242-dead',
      roles: ['worker', 'api'],
      stale: true,
      concurrency: { limit: 2, max: 4 },
      browser: { launched: true, restarts: 0, openContexts: 1 },
      breaker: null,
    });
    expect(silent.silentSeconds).toBeGreaterThanOrEqual(600);
    // The sweeper marks a silent worker `error` and releases what it held; until then it still lists it.
    expect(['running', 'error']).toContain(silent.status);

    submitter.letGo();
    await pipeline.waitForJob(jobId, ['JobCompleted']);
    const done = await eventually(
      async () => {
        const workers = (await list().expect(200)).body.workers as ListedWorker[];
        const after = workers.find((w) => w.id === live.id);
        return after && after.inFlight.length === 0 && after.activity?.succeeded === 1 ? after : null;
      },
      { timeoutMs: 15_000, message: 'the worker to be idle with its success counted' },
    );
    expect(done).toMatchObject({
      status: 'idle',
      activity: { attemptsStarted: 1, succeeded: 1, failed: 0, needsManual: 0, retriesScheduled: 0 },
    });
  });

  it('adds workers that stopped cleanly only when asked, and refuses unknown or malformed query fields with 400', async () => {
    const ids = async (query: string): Promise<string[]> =>
      ((await list(query).expect(200)).body.workers as ListedWorker[]).map((w) => w.id);
    expect(await ids('')).not.toContain('host-c-7-stopped');
    expect(await ids('?includeStopped=false')).not.toContain('host-c-7-stopped');
    expect(await ids('?includeStopped=true')).toContain('host-c-7-stopped');
    const stopped = (
      (await list('?includeStopped=true').expect(200)).body.workers as (ListedWorker & { status: string; concurrency: unknown })[]
    ).find((w) => w.id === 'host-c-7-stopped');
    // A beat that reported no roles, concurrency or browser (as an older version wrote) reads as unknown, not as zero.
    expect(stopped).toMatchObject({ status: 'stopped', stale: false, roles: [], concurrency: null, browser: null, breaker: null });
    expect((await list('?includeStopped=maybe').expect(400)).body).toMatchObject({
      error: 'validation_failed',
      message: expect.stringContaining('includeStopped'),
    });
    expect((await list('?limit=5').expect(400)).body.message).toContain('property limit should not exist');
  });

  it('forgets a stopped or silent worker (204), refuses a live one (409) and an unknown one (404)', async () => {
    const pool = pipeline.db.pool;
    const forget = (id: string): request.Test =>
      request(pipeline.http())
        .delete(`/api/admin/workers/${encodeURIComponent(id)}`)
        .set(staff);
    const live = ((await list().expect(200)).body.workers as ListedWorker[]).find((w) => !w.stale)!;
    const refused = await forget(live.id).expect(409);
    expect(refused.body).toEqual({ error: 'worker_live', message: expect.stringContaining(`Worker "${live.id}" is live`) });
    expect((await forget('no-such-worker').expect(404)).body).toEqual({ error: 'not_found', message: 'No worker "no-such-worker"' });

    await new WorkerHeartbeat(pool, 'host-d-9-silent').beat({ status: 'running', inFlight: [] });
    await new WorkerHeartbeat(pool, 'host-e-9-stopped').beat({ status: 'stopped', inFlight: [] });
    await pool.query("UPDATE worker_heartbeats SET last_heartbeat = now() - interval '1 hour' WHERE worker_id = 'host-d-9-silent'");
    const before = (await list('?includeStopped=true').expect(200)).body.counts;
    await forget('host-d-9-silent').expect(204);
    await forget('host-e-9-stopped').expect(204);
    const after = await list('?includeStopped=true').expect(200);
    expect(after.body.counts).toEqual({ ...before, stale: before.stale - 1, stopped: before.stopped - 1 });
    expect((after.body.workers as ListedWorker[]).map((w) => w.id)).not.toEqual(expect.arrayContaining(['host-d-9-silent']));
    expect((after.body.workers as ListedWorker[]).map((w) => w.id)).toContain(live.id);
    await forget('host-d-9-silent').expect(404);
    const member = await staffSession(pool, { role: 'staff' });
    await request(pipeline.http()).delete('/api/admin/workers/host-b-4242-dead').set(member.headers).expect(403);
  });

  it('is for admins only: 401 without a session, 403 for staff and customers', async () => {
    const pool = pipeline.db.pool;
    await request(pipeline.http()).get('/api/admin/workers').expect(401);
    const member = await staffSession(pool, { role: 'staff' });
    const refused = await request(pipeline.http()).get('/api/admin/workers').set(member.headers).expect(403);
    expect(refused.body).toEqual({ error: 'forbidden', message: expect.stringContaining('admin role') });
    const customer = await customerSession(pool, customerId('growth', 1));
    await request(pipeline.http()).get('/api/admin/workers').set(customer.headers).expect(403);
  });

  it('counts the live worker in /api/health, which is then ok', async () => {
    const health = await request(pipeline.http()).get('/api/health').expect(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      checks: { workers: { status: 'up', live: 1, stale: 1 }, projections: { status: 'up' }, breaker: { status: 'up', state: null } },
    });
    // The worker process answers health too, with its own breaker.
    const own = await request(worker.getHttpServer()).get('/api/health').expect(200);
    expect(own.body.checks.breaker).toMatchObject({ status: 'up', state: 'closed', worker: expect.any(String) });
  });
});
