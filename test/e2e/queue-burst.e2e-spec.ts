import type { Priority } from '../../src/jobs/job.events';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter, succeed, type SubmitCall } from '../support/recording-submitter';

const TIER_OF: Readonly<Record<Priority, string>> = {
  P1: customerId('enterprise', 1),
  P2: customerId('growth', 1),
  P3: customerId('starter', 1),
};

/** Creates jobs through the HTTP API, `parallel` requests at a time; returns job id → priority. */
async function createJobs(pipeline: Pipeline, priorities: readonly Priority[], parallel = 25): Promise<Map<string, Priority>> {
  const jobs = new Map<string, Priority>();
  const pending = [...priorities];
  const client = async (): Promise<void> => {
    for (let priority = pending.shift(); priority; priority = pending.shift())
      jobs.set(await pipeline.createJob(TIER_OF[priority]), priority);
  };
  await Promise.all(Array.from({ length: parallel }, client));
  return jobs;
}

async function waitForBacklog(pipeline: Pipeline, expected: number): Promise<void> {
  await eventually(
    async () => {
      const { tiers } = await pipeline.queue.depth();
      return tiers.P1.visible + tiers.P2.visible + tiers.P3.visible >= expected ? true : null;
    },
    { timeoutMs: 60_000 },
  );
}

const shuffled = <T>(items: readonly T[]): T[] =>
  [...items]
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
const keyOf = (call: SubmitCall): string => `${call.jobId}/${call.directoryId}`;

describe('burst: 1,000 jobs with mixed tiers through the API', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 3, env: { QUEUE_AGING_MS: '600000' } });
  });
  afterAll(async () => pipeline?.close());

  it('loses none, submits none twice, and starts P1 work before P3 work while all tiers have backlog', async () => {
    const priorities = shuffled(Array.from({ length: 1000 }, (_, i): Priority => (['P1', 'P2', 'P3'] as const)[i % 3]));
    const jobs = await createJobs(pipeline, priorities);
    expect(jobs.size).toBe(1000);
    await waitForBacklog(pipeline, 1000);

    const submitter = new RecordingSubmitter(succeed, 2);
    await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '8' });
    await eventually(
      async () => {
        const { rows } = await pipeline.db.pool
          .query<{ n: string }>(`SELECT count(*) AS n FROM jobs WHERE status = 'complete'`)
          .catch(() => ({ rows: [{ n: '0' }] }));
        return Number(rows[0].n) === 1000 ? true : null;
      },
      { timeoutMs: 120_000 },
    );

    // Effects, not messages: one submission per job and directory, none missing, none twice.
    expect(submitter.calls).toHaveLength(1000);
    expect(new Set(submitter.calls.map(keyOf)).size).toBe(1000);
    expect(new Set(submitter.calls.map((call) => call.jobId))).toEqual(new Set(jobs.keys()));

    const seqOf = (priority: Priority): number[] =>
      submitter.calls.filter((call) => jobs.get(call.jobId) === priority).map((call) => call.seq);
    // Lower tiers are received only once the higher ones are empty; the 8 submissions already
    // running when that happens may start a moment after the first lower-tier one.
    const startedAfter = (higher: Priority, lower: Priority): number =>
      seqOf(higher).filter((seq) => seq > Math.min(...seqOf(lower))).length;
    expect(startedAfter('P1', 'P2')).toBeLessThanOrEqual(8);
    expect(startedAfter('P1', 'P3')).toBe(0);
    expect(startedAfter('P2', 'P3')).toBeLessThanOrEqual(8);
    expect(Math.max(...seqOf('P1'))).toBeLessThan(Math.min(...seqOf('P3')));
    const { tiers, deadLetters } = await pipeline.queue.depth();
    expect(Object.values(tiers).every((tier) => tier.visible + tier.inFlight + tier.delayed === 0)).toBe(true);
    expect(deadLetters).toBe(0);
  });
});

describe('aging: P3 still completes under a sustained P1 stream', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 3, env: { QUEUE_AGING_MS: '500' } });
  });
  afterAll(async () => pipeline?.close());

  it('serves the P3 jobs while P1 work is still waiting', async () => {
    const backlog = await createJobs(pipeline, [
      ...Array.from({ length: 400 }, (): Priority => 'P1'),
      ...Array.from({ length: 10 }, (): Priority => 'P3'),
    ]);
    await waitForBacklog(pipeline, 410);
    const p3 = [...backlog].filter(([, priority]) => priority === 'P3').map(([jobId]) => jobId);

    const submitter = new RecordingSubmitter(succeed, 30);
    await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '2' });
    let streaming = true;
    const stream = (async () => {
      // More P1 keeps arriving while the worker drains the backlog.
      while (streaming) {
        await createJobs(
          pipeline,
          Array.from({ length: 10 }, (): Priority => 'P1'),
          5,
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await eventually(async () => (p3.every((jobId) => submitter.callsFor(jobId, 'dir-001') === 1) ? true : null), { timeoutMs: 60_000 });
      const p1Done = submitter.calls.filter((call) => !p3.includes(call.jobId)).length;
      const { tiers } = await pipeline.queue.depth();
      // P3 finished although P1 work was still queued: it was not starved.
      expect(tiers.P1.visible).toBeGreaterThan(0);
      expect(p1Done).toBeLessThan(400);
      expect(p1Done).toBeGreaterThan(20);
    } finally {
      streaming = false;
      await stream;
    }
  });
});
