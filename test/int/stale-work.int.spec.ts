import { startPipeline, customerId, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter } from '../support/recording-submitter';
import { eventually } from '../support/eventually';

/** Work held by a dead worker, and jobs whose messages were lost, are recovered. */
describe('stale work recovery', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({
      directories: 3,
      // Visibility far longer than the test: only the sweeper can bring the work back.
      env: {
        QUEUE_VISIBILITY_TIMEOUT_MS: '600000',
        WORKER_STALE_AFTER_MS: '1500',
        JOB_STALL_AFTER_MS: '2000',
        STALE_SWEEP_INTERVAL_MS: '200',
      },
    });
  });
  afterAll(async () => pipeline?.close());

  it("makes a silent worker's in-flight message visible again at once, and marks the worker", async () => {
    const jobId = await pipeline.createJob(customerId('growth', 1));
    const [held] = await eventually(async () => {
      const got = await pipeline.queue.receive({ priorities: ['P2'], maxMessages: 1, waitMs: 200 });
      return got.length > 0 ? got : null;
    });
    // The worker that received it heartbeated once and then went silent (SIGKILL, a frozen VM).
    await pipeline.db.pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, in_flight, in_flight_work, last_heartbeat)
       VALUES ('dead-worker', 'running', 1, $1::jsonb, now() - interval '3 minutes')`,
      [JSON.stringify([{ jobId, directoryId: 'dir-001', messageId: held.id, priority: held.priority, receipt: held.receipt }])],
    );
    const [again] = await eventually(
      async () => {
        const got = await pipeline.queue.receive({ priorities: ['P2'], maxMessages: 1, waitMs: 200 });
        return got.length > 0 ? got : null;
      },
      { timeoutMs: 15_000 },
    );
    expect(again).toMatchObject({ id: held.id, receiveCount: 2 });
    const { rows } = await pipeline.db.pool.query(`SELECT status, in_flight_work FROM worker_heartbeats WHERE worker_id = 'dead-worker'`);
    expect(rows[0]).toEqual({ status: 'error', in_flight_work: [] });
    const { rows: stale } = await pipeline.db.pool.query(`SELECT worker_id FROM stale_workers`);
    expect(stale.map((row: { worker_id: string }) => row.worker_id)).toContain('dead-worker');
    await pipeline.queue.ack([again]);
  });

  it('requeues a job with open submissions, no progress and nothing in flight, all of them at once; it then completes', async () => {
    const jobId = await pipeline.createJob(customerId('pro', 3));
    // Its messages vanish, as in the seed when a worker died before the DLQ saw them.
    let lost = 0;
    while (lost < 3) {
      const got = await pipeline.queue.receive({ priorities: ['P1'], maxMessages: 10, waitMs: 500 });
      await pipeline.queue.ack(got);
      lost += got.length;
    }
    // The projector writes the rows one after another: here dir-003's lands a second after the others.
    await pipeline.db.pool.query(
      `UPDATE job_results SET updated_at = now() + interval '1 second' WHERE job_id = $1 AND directory_id = 'dir-003'`,
      [jobId],
    );
    const requeued = await pipeline.waitForJob(jobId, ['JobRequeued'], 30_000);
    expect(requeued.data).toEqual({ jobId, reason: 'stale', directoryIds: ['dir-001', 'dir-002', 'dir-003'] });
    expect(requeued.metadata.actor).toEqual({ kind: 'system', id: 'stale-work-sweeper' });
    const submitter = new RecordingSubmitter();
    await pipeline.startWorker(submitter);
    expect((await pipeline.waitForJob(jobId, ['JobCompleted'])).type).toBe('JobCompleted');
    expect(['dir-001', 'dir-002', 'dir-003'].map((d) => submitter.callsFor(jobId, d))).toEqual([1, 1, 1]);
    const requeues = (await pipeline.jobEvents(jobId)).filter((e) => e.type === 'JobRequeued');
    expect(requeues).toHaveLength(1);
  });
});
