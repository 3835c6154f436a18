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

  it('answers 401 without a session and 403 to a customer', async () => {
    await signal().expect(401);
    const customer = await customerSession(pipeline.db.pool, customerId('growth', 1));
    const refused = await signal().set(customer.headers).expect(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
  });
});
