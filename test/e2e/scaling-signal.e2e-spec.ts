import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { customerId, staff, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { customerSession } from '../support/sessions';

/** GET /api/admin/scaling and its gauge, over the machine's PostgreSQL queue with no worker running. */
describe('autoscaling signal', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 1 });
  });
  afterAll(async () => pipeline?.close());

  const signal = () => request(pipeline.http()).get('/api/admin/scaling');

  it('asks for the minimum with nothing queued, and for one worker per 50 queued when none runs', async () => {
    const idle = await signal().set(staff).expect(200);
    expect(idle.body).toEqual({
      desiredWorkers: 1,
      reason: 'no_workers',
      queued: 0,
      liveWorkers: 0,
      perWorkerPerMinute: null,
      drainMinutes: null,
    });

    await pipeline.queue.send(Array.from({ length: 120 }, () => ({ id: randomUUID(), priority: 'P3' as const, body: '{}', delayMs: 0 })));
    const backlog = await signal().set(staff).expect(200);
    expect(backlog.body).toMatchObject({ desiredWorkers: 3, reason: 'no_workers', queued: 120, liveWorkers: 0 });

    const metrics = await request(pipeline.http()).get('/api/metrics').set(staff).expect(200);
    expect(metrics.text).toMatch(/^dbolt_scaling_desired_workers 3$/m);
  });

  it("counts the submissions finished in the last five minutes, of open jobs and of jobs that just finished, as the fleet's throughput", async () => {
    const pool = pipeline.db.pool;
    // One live worker (its heartbeat ahead of the clock, so the fast stale sweep leaves it alone).
    await pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, last_heartbeat) VALUES ('scaling-w1', 'running', now() + interval '1 minute')`,
    );
    const jobs: readonly [string, string | null][] = [
      ['scaling-open', null],
      ['scaling-just-done', '2 minutes'],
      ['scaling-old', '2 hours'],
    ];
    for (const [id, finishedAgo] of jobs) {
      await pool.query(
        `INSERT INTO jobs (id, customer_id, package_tier, priority, priority_level, status, business_name, directory_count, created_at, finished_at, updated_at, version)
         VALUES ($1, 'c', 'pro', 'P1', 1, $2, 'b', 4, now() - interval '3 hours', now() - $3::interval, now(), 1)`,
        [id, finishedAgo ? 'complete' : 'in_progress', finishedAgo],
      );
    }
    // finished minutes ago per submission: 3 + 2 inside the window, the rest outside it or unfinished.
    const results: readonly [string, string | null][] = [
      ['scaling-open', '1 minute'],
      ['scaling-open', '2 minutes'],
      ['scaling-open', '4 minutes'],
      ['scaling-open', null],
      ['scaling-open', '20 minutes'],
      ['scaling-just-done', '3 minutes'],
      ['scaling-just-done', '2 minutes'],
      ['scaling-old', '2 hours'],
    ];
    for (const [i, [jobId, finishedAgo]] of results.entries()) {
      await pool.query(
        `INSERT INTO job_results (id, job_id, directory_id, idempotency_key, priority, status, scheduled_at, finished_at, updated_at, version)
         VALUES ($1, $2, $3, $1, 'P1', $4, now() - interval '3 hours', now() - $5::interval, now(), 1)`,
        [`${jobId}:${i}`, jobId, `dir-${i}`, finishedAgo ? 'succeeded' : 'scheduled', finishedAgo],
      );
    }
    const answer = await signal().set(staff).expect(200);
    expect(answer.body).toMatchObject({ liveWorkers: 1, perWorkerPerMinute: 1 });
  });

  it('answers 401 without a session and 403 to a customer', async () => {
    await signal().expect(401);
    const customer = await customerSession(pipeline.db.pool, customerId('growth', 1));
    const refused = await signal().set(customer.headers).expect(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
  });
});
