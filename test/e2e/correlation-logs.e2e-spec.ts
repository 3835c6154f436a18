import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { parseSubmissionMessage, type SubmissionMessage } from '../../src/queue/submission-message';
import { eventually } from '../support/eventually';
import { LogCapture, type LogLine } from '../support/log-capture';
import { customerId, staff, startPipeline, type Pipeline } from '../support/pipeline-harness';
import { RecordingSubmitter } from '../support/recording-submitter';

const CUSTOMER = customerId('growth', 2);
const DIRECTORIES = ['dir-001', 'dir-002'];

/** The queue rows of one job, read before a worker takes (and acks, so deletes) them. */
async function queuedMessages(pipeline: Pipeline, jobId: string): Promise<SubmissionMessage[]> {
  const { rows } = await pipeline.db.pool.query<{ body: string }>('SELECT body FROM queue_messages');
  return rows
    .map((row) => parseSubmissionMessage(row.body))
    .flatMap((parsed) => (parsed.ok && parsed.message.jobId === jobId ? [parsed.message] : []));
}

const mentions = (line: LogLine, jobId: string): boolean => line.jobId === jobId || JSON.stringify(line).includes(jobId);

/**
 * One id followed end to end on the real PostgreSQL queue: given as X-Request-Id on the job's
 * creation, echoed back, kept in every event's metadata, carried by the queue messages, and on
 * every log line the API, the reactions and the worker write about that job.
 */
describe('a correlation id from the HTTP request to the worker (machine PostgreSQL, JSON logs captured)', () => {
  const logs = new LogCapture();
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 2, logs, env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => pipeline?.close());

  it('is echoed, stored in the events, carried by the queue messages and on every line of the submission', async () => {
    const requestId = `trace-${randomUUID()}`;
    const created = await request(pipeline.http()).post(`/api/queue/${CUSTOMER}`).set(staff).set('X-Request-Id', requestId).expect(201);
    expect(created.headers['x-request-id']).toBe(requestId);
    const jobId = created.body.jobId as string;

    // The queue messages, before any worker runs.
    const messages = await eventually(async () => {
      const found = await queuedMessages(pipeline, jobId);
      return found.length === DIRECTORIES.length ? found : null;
    });
    expect(messages.map((message) => message.correlationId)).toEqual(DIRECTORIES.map(() => requestId));
    expect(messages.map((message) => message.directoryId).sort()).toEqual(DIRECTORIES);

    const submitter = new RecordingSubmitter();
    await pipeline.startWorker(submitter);
    await pipeline.waitForJob(jobId, ['JobCompleted']);
    expect(submitter.calls).toHaveLength(DIRECTORIES.length);

    const events = [
      ...(await pipeline.jobEvents(jobId)),
      ...(await Promise.all(DIRECTORIES.map((directoryId) => pipeline.submissionEvents(jobId, directoryId)))).flat(),
    ];
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['JobCreated', 'JobQueued', 'SubmissionAttemptStarted', 'SubmissionSucceeded', 'JobCompleted']),
    );
    expect(new Set(events.map((event) => event.metadata.correlationId))).toEqual(new Set([requestId]));

    // The access line of the creation, written by the API.
    const access = await eventually(
      () => logs.where((line) => line.msg === `POST /api/queue/${CUSTOMER} 201` && line.correlationId === requestId)[0] ?? null,
    );
    expect(access).toMatchObject({ level: 'info', jobId, req: { method: 'POST' }, res: { statusCode: 201 } });

    // The worker's line for each submission, in the context of its queue message.
    const worker = await eventually(() => {
      const done = logs.where((line) => line.context === 'Worker' && line.jobId === jobId && line.msg === 'submission done: success');
      return done.length === DIRECTORIES.length ? done : null;
    });
    for (const line of worker) expect(line).toMatchObject({ correlationId: requestId, messageId: expect.any(String) });
    expect(worker.map((line) => line.directoryId).sort()).toEqual(DIRECTORIES);

    // And no line that names the job carries another correlation.
    const aboutJob = logs.where((line) => mentions(line, jobId));
    expect(aboutJob.length).toBeGreaterThanOrEqual(DIRECTORIES.length);
    for (const line of aboutJob)
      expect({ msg: line.msg, correlationId: line.correlationId ?? line.correlationIds }).toEqual({
        msg: line.msg,
        correlationId: requestId,
      });
  });

  it('mints an id when the caller sends none (or an unusable one), echoes it, and logs under it', async () => {
    const minted = await request(pipeline.http())
      .get(`/api/queue/${CUSTOMER}`)
      .set(staff)
      .set('X-Request-Id', 'bad id with spaces')
      .expect(200);
    const id = minted.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(minted.headers['x-correlation-id']).toBe(id);
    await eventually(() => logs.where((line) => line.correlationId === id && line.msg === `GET /api/queue/${CUSTOMER} 200`)[0] ?? null);
  });

  it('logs a request refused before routing (malformed JSON, URI too long) under its id too', async () => {
    await request(pipeline.http())
      .post(`/api/queue/${CUSTOMER}`)
      .set(staff)
      .set('X-Request-Id', 'refused-json')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    await request(pipeline.http())
      .get(`/api/jobs/${'x'.repeat(2100)}`)
      .set(staff)
      .set('X-Request-Id', 'refused-uri')
      .expect(414);
    const refused = await eventually(() => {
      const found = logs.where((line) => line.correlationId === 'refused-json' || line.correlationId === 'refused-uri');
      return found.length === 2 ? found : null;
    });
    expect(refused.map((line) => (line.res as { statusCode: number }).statusCode).sort()).toEqual([400, 414]);
    expect(refused.every((line) => String(line.msg).length < 300)).toBe(true);
  });

  it('puts the id on the lines the app writes inside a request (an unexpected failure)', async () => {
    // Hides the read model for a moment: the query fails in a way no handler expects.
    await pipeline.db.pool.query('ALTER VIEW jobs RENAME TO jobs_hidden_by_logs_test');
    try {
      await request(pipeline.http()).get(`/api/queue/${CUSTOMER}`).set(staff).set('X-Request-Id', 'inside-500').expect(500);
    } finally {
      await pipeline.db.pool.query('ALTER VIEW jobs_hidden_by_logs_test RENAME TO jobs');
    }
    const lines = await eventually(() => {
      const found = logs.where((line) => line.correlationId === 'inside-500');
      return found.length >= 2 ? found : null;
    });
    expect(lines.find((line) => line.context === 'Http')).toMatchObject({
      level: 'error',
      msg: expect.stringContaining('unhandled error'),
    });
    expect(lines.find((line) => line.msg === `GET /api/queue/${CUSTOMER} 500`)).toMatchObject({ level: 'error' });
  });

  it('writes no access line for the health probes and the metrics scrape', async () => {
    for (const path of ['/api/health', '/api/health/live', '/api/metrics'])
      await request(pipeline.http()).get(path).set(staff).set('X-Request-Id', `quiet-${path.length}`);
    await request(pipeline.http()).get(`/api/queue/${CUSTOMER}`).set(staff).set('X-Request-Id', 'after-quiet').expect(200);
    await eventually(() => logs.where((line) => line.correlationId === 'after-quiet')[0] ?? null);
    expect(logs.where((line) => String(line.correlationId).startsWith('quiet-'))).toEqual([]);
  });

  it('writes nothing but JSON lines, each with a level, a time and a message', () => {
    expect(logs.raw.length).toBeGreaterThan(5);
    for (const line of logs.lines)
      expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
  });
});
