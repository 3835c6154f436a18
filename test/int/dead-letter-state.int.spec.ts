import request from 'supertest';
import type { Priority, ReceivedMessage } from '../../src/queue/queue.port';
import { parseSubmissionMessage } from '../../src/queue/submission-message';
import { executeCommand } from '../../src/shared/command-executor';
import { submissionDecider } from '../../src/submissions/submission.decider';
import { submissionStreamId } from '../../src/submissions/submission.events';
import { sweepStaleWork } from '../../src/workers/stale-work.sweeper';
import { eventually } from '../support/eventually';
import { customerId, staff, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter } from '../support/recording-submitter';

const directoryOf = (message: { readonly body: string }): string | null => {
  const parsed = parseSubmissionMessage(message.body);
  return parsed.ok ? parsed.message.directoryId : null;
};

/** A dead letter is a state of its submission, and only real stalls are requeued. */
describe('dead letters as a submission state, and stall detection', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({
      directories: 2,
      // The sweeper runs only when a test calls it; the dead-letter scan runs on its own (every 200 ms).
      env: { QUEUE_MAX_RECEIVE_COUNT: '3', STALE_SWEEP_INTERVAL_MS: '3600000', JOB_STALL_AFTER_MS: '86400000' },
    });
  });
  afterAll(async () => pipeline?.close());

  const sweep = () => sweepStaleWork(pipeline.db.pool, pipeline.store, pipeline.queue, { staleAfterMs: 2000, jobStallAfterMs: 1 });

  /** Receives the job's messages of a tier; keeps the others out of the way (in flight) and gives them back at the end. */
  async function receiveAll(tier: Priority, jobId: string, expected: number): Promise<ReceivedMessage[]> {
    const got: ReceivedMessage[] = [];
    await eventually(async () => {
      got.push(...(await pipeline.queue.receive({ priorities: [tier], maxMessages: 10, waitMs: 200, visibilityMs: 60_000 })));
      return got.filter((m) => m.body.includes(jobId)).length >= expected ? true : null;
    });
    return got;
  }

  /** Deliveries of one directory's message that crash, up to the third; the next receive buries it. */
  async function bury(tier: Priority, jobId: string, directoryId: string): Promise<void> {
    const others: ReceivedMessage[] = [];
    for (let receiveCount = 0; receiveCount < 3;) {
      const [message] = await eventually(async () => {
        const got = await pipeline.queue.receive({ priorities: [tier], maxMessages: 10, waitMs: 200, visibilityMs: 1000 });
        for (const other of got.filter((m) => !(m.body.includes(jobId) && directoryOf(m) === directoryId))) {
          await pipeline.queue.extendVisibility(other, 60_000);
          others.push(other);
        }
        const mine = got.filter((m) => m.body.includes(jobId) && directoryOf(m) === directoryId);
        return mine.length > 0 ? mine : null;
      });
      expect(message.receiveCount).toBeGreaterThan(receiveCount);
      receiveCount = message.receiveCount;
    }
    await eventually(async () => {
      await pipeline.queue.receive({ priorities: [tier], maxMessages: 10, waitMs: 200 });
      const letters = await pipeline.queue.listDeadLetters({ limit: 100 });
      return letters.some((l) => l.body.includes(jobId) && directoryOf(l) === directoryId) ? true : null;
    });
    for (const other of others) await pipeline.queue.release(other, 0);
  }

  async function resultStatus(jobId: string, directoryId: string, wanted: string): Promise<string | undefined> {
    let last: string | undefined;
    await eventually(
      async () => {
        const { rows } = await pipeline.db.pool.query<{ status: string }>(
          'SELECT status FROM job_results WHERE job_id = $1 AND directory_id = $2',
          [jobId, directoryId],
        );
        last = rows[0]?.status;
        return last === wanted ? true : null;
      },
      { timeoutMs: 10_000 },
    ).catch(() => undefined);
    return last;
  }

  it('finishes a job with one success and one dead letter, with counts saying so', async () => {
    const jobId = await pipeline.createJob(customerId('growth', 2));
    const received = await receiveAll('P2', jobId, 2);
    const first = received.find((m) => m.body.includes(jobId) && directoryOf(m) === 'dir-001')!;
    await eventually(async () => ((await pipeline.submissionEvents(jobId, 'dir-001')).length > 0 ? true : null));
    const stream = submissionStreamId(jobId, 'dir-001');
    const meta = { metadata: { actor: { kind: 'worker', id: 'w-test' } as const } };
    await executeCommand(pipeline.store, stream, submissionDecider, { type: 'StartAttempt', data: { workerId: 'w-test' } }, meta);
    await executeCommand(
      pipeline.store,
      stream,
      submissionDecider,
      { type: 'RecordSuccess', data: { listingUrl: null, evidencePath: null } },
      meta,
    );
    await pipeline.queue.ack([first]);
    for (const other of received.filter((m) => m !== first)) await pipeline.queue.release(other, 0);
    await bury('P2', jobId, 'dir-002');

    expect(await resultStatus(jobId, 'dir-002', 'dead_lettered')).toBe('dead_lettered');
    const finished = await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed'], 15_000);
    expect([finished.type, finished.data]).toEqual([
      'JobCompleted',
      { jobId, counts: { succeeded: 1, failed: 0, needsManual: 0, skipped: 0, deadLettered: 1 } },
    ]);
    await eventually(async () => {
      const { rows } = await pipeline.db.pool.query('SELECT status, succeeded, dead_lettered FROM jobs WHERE id = $1', [jobId]);
      return rows[0]?.status === 'complete' ? rows[0] : null;
    }).then((row) => expect(row).toEqual({ status: 'complete', succeeded: 1, dead_lettered: 1 }));
  });

  it('does not requeue a job waiting in the queue behind a backlog, and still requeues one held by a dead worker and not in the queue', async () => {
    const waiting = await pipeline.createJob(customerId('starter', 2));
    const stalled = await pipeline.createJob(customerId('pro', 2));
    // The stalled job's messages were taken by a worker that then died, and are gone from the queue.
    const held = (await receiveAll('P1', stalled, 2)).filter((m) => m.body.includes(stalled));
    await pipeline.queue.ack(held);
    await pipeline.db.pool.query(
      `INSERT INTO worker_heartbeats (worker_id, status, in_flight, in_flight_work, last_heartbeat)
       VALUES ('dead-worker', 'running', 2, $1::jsonb, now() - interval '3 minutes')`,
      [
        JSON.stringify(
          held.map((m) => ({ jobId: stalled, directoryId: directoryOf(m), messageId: m.id, priority: m.priority, receipt: m.receipt })),
        ),
      ],
    );
    for (const jobId of [waiting, stalled]) {
      for (const directoryId of ['dir-001', 'dir-002']) expect(await resultStatus(jobId, directoryId, 'scheduled')).toBe('scheduled');
    }
    const { P3 } = (await pipeline.queue.depth()).tiers;
    expect(P3.visible).toBe(2); // the waiting job's messages, visible, held by nobody

    const result = await sweep();
    expect({ stalled: result.requeuedJobs.includes(stalled), waiting: result.requeuedJobs.includes(waiting) }).toEqual({
      stalled: true,
      waiting: false,
    });
    const requeued = await pipeline.waitForJob(stalled, ['JobRequeued']);
    expect(requeued.data).toEqual({ jobId: stalled, reason: 'stale', directoryIds: ['dir-001', 'dir-002'] });
    expect((await pipeline.jobEvents(waiting)).map((e) => e.type)).not.toContain('JobRequeued');
  });

  it('shows a dead-lettered submission as dead_lettered, and the sweeper does not requeue it', async () => {
    const jobId = await pipeline.createJob(customerId('growth', 2));
    await bury('P2', jobId, 'dir-002');
    expect(await resultStatus(jobId, 'dir-002', 'dead_lettered')).toBe('dead_lettered');
    // dir-001 is still waiting in the queue: the job is open, and neither submission is stalled.
    const result = await sweep();
    expect(result.requeuedJobs).not.toContain(jobId);
    expect((await pipeline.jobEvents(jobId)).map((e) => e.type)).not.toContain('JobRequeued');
    const submissions = await request(pipeline.http()).get(`/api/jobs/${jobId}/submissions?status=dead_lettered`).set(staff).expect(200);
    expect(submissions.body.submissions.map((s: { directoryId: string; status: string }) => [s.directoryId, s.status])).toEqual([
      ['dir-002', 'dead_lettered'],
    ]);

    // A redrive is the way out: it clears the dead letter, and the job finishes with both done.
    const letters = (await request(pipeline.http()).get('/api/admin/dlq').set(staff).expect(200)).body.deadLetters as {
      id: string;
      jobId: string;
    }[];
    const letter = letters.find((l) => l.jobId === jobId)!;
    const redrive = await request(pipeline.http())
      .post('/api/admin/dlq/redrive')
      .set(staff)
      .send({ ids: [letter.id] })
      .expect(200);
    expect(redrive.body.redriven).toEqual([{ id: letter.id, jobId, directoryId: 'dir-002' }]);
    const redriven = (await pipeline.submissionEvents(jobId, 'dir-002')).at(-1)!;
    expect([redriven.type, redriven.metadata.actor.kind]).toEqual(['SubmissionRedriven', 'staff']);
    expect(await resultStatus(jobId, 'dir-002', 'scheduled')).toBe('scheduled');

    await pipeline.startWorker(new RecordingSubmitter());
    const completed = await pipeline.waitForJob(jobId, ['JobCompleted']);
    expect(completed.data).toEqual({ jobId, counts: { succeeded: 2, failed: 0, needsManual: 0, skipped: 0, deadLettered: 0 } });
  });
});
