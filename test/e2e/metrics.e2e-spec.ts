import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { eventually } from '../support/eventually';
import { customerId, startPipeline, staff, type Pipeline } from '../support/pipeline-harness';
import { Scrape } from '../support/prometheus-text';
import { RecordingSubmitter, type Behaviour } from '../support/recording-submitter';

const none = { evidencePath: null, mappingUsed: null };

/** dir-002 fails once (transient), then succeeds: three successes, one retry. */
const behaviour: Behaviour = (req, calls) =>
  req.directoryId === 'dir-002' && calls === 1
    ? { kind: 'transient', message: 'HTTP 503', ...none }
    : { kind: 'success', listingUrl: null, ...none };

const scrape = async (app: INestApplication): Promise<Scrape> => {
  const response = await request(app.getHttpServer() as App)
    .get('/api/metrics')
    .set(staff)
    .expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Scrape(response.text);
};

/** How far each metric moved between two scrapes. */
const moved =
  (before: Scrape, after: Scrape) =>
  (name: string, labels: Record<string, string> = {}): number =>
    after.value(name, labels) - before.value(name, labels);

describe('GET /api/metrics after known activity (prom-client; control and worker processes on machine PostgreSQL)', () => {
  let pipeline: Pipeline;
  let worker: INestApplication;
  const submitter = new RecordingSubmitter(behaviour);
  let control: { before: Scrape; after: Scrape };
  let work: { before: Scrape; after: Scrape };

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 3 });
    worker = await pipeline.startWorker(submitter, { WORKER_CONCURRENCY: '2' });
    await eventually(async () => ((await scrape(pipeline.control)).value('dbolt_workers', { state: 'alive' }) === 1 ? true : null));
    control = { before: await scrape(pipeline.control), after: await scrape(pipeline.control) };
    work = { before: await scrape(worker), after: await scrape(worker) };

    await request(pipeline.http()).get('/api/metrics').expect(401);
    await request(pipeline.http()).get('/api/no-such-route/12345').set(staff).expect(404);
    const jobId = await pipeline.createJob(customerId('pro', 3));
    expect((await pipeline.waitForJob(jobId, ['JobCompleted', 'JobFailed'])).type).toBe('JobCompleted');
    // The read model and the queue settle a moment after the job's last event.
    control.after = await eventually(async () => {
      const now = await scrape(pipeline.control);
      const settled =
        moved(control.before, now)('dbolt_jobs', { status: 'complete' }) === 1 &&
        now.value('dbolt_queue_messages') === 0 &&
        now.find('dbolt_projection_lag_events').every((s) => s.value === 0);
      return settled ? now : null;
    });
    work.after = await scrape(worker);
  }, 60_000);
  afterAll(async () => pipeline?.close());

  it("counts the worker's submissions by outcome, their durations, the retry and the events it appended", () => {
    const delta = moved(work.before, work.after);
    expect(submitter.calls).toHaveLength(4);
    expect(delta('dbolt_submissions_total', { outcome: 'success' })).toBe(3);
    expect(delta('dbolt_submissions_total', { outcome: 'transient' })).toBe(1);
    expect(delta('dbolt_submission_duration_seconds_count')).toBe(4);
    expect(delta('dbolt_submission_duration_seconds_bucket', { outcome: 'success', le: '+Inf' })).toBe(3);
    expect(delta('dbolt_submission_retries_total', { error_class: 'transient' })).toBe(1);
    expect(delta('dbolt_events_appended_total', { type: 'SubmissionAttemptStarted' })).toBe(4);
    expect(delta('dbolt_events_appended_total', { type: 'SubmissionSucceeded' })).toBe(3);
    expect(delta('dbolt_worker_outcomes_total', { outcome: 'success' })).toBe(3);
    expect(delta('dbolt_worker_received_total')).toBeGreaterThanOrEqual(4);
    expect(work.after.value('dbolt_breaker_state')).toBe(0);
    expect(delta('dbolt_event_append_duration_seconds_count', { result: 'ok' })).toBeGreaterThanOrEqual(8);
  });

  it("counts the control process's appends and HTTP requests by route template, never by raw path", () => {
    const delta = moved(control.before, control.after);
    expect(delta('dbolt_events_appended_total', { type: 'JobCreated' })).toBe(1);
    expect(delta('dbolt_events_appended_total', { type: 'JobCompleted' })).toBe(1);
    expect(delta('dbolt_events_appended_total', { type: 'SubmissionSucceeded' })).toBe(0);
    expect(delta('dbolt_submissions_total')).toBe(0);
    expect(delta('dbolt_http_request_duration_seconds_count', { method: 'POST', route: '/api/queue/:customerId', status: '201' })).toBe(1);
    expect(delta('dbolt_http_request_duration_seconds_count', { method: 'GET', route: '/api/metrics', status: '401' })).toBe(1);
    expect(delta('dbolt_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBe(1);
    expect(control.after.text).not.toContain('no-such-route');
    expect(control.after.text).not.toMatch(/route="\/api\/queue\/pro-3"/);
  });

  it('adds the fleet-wide gauges from the database on the API process only', () => {
    const delta = moved(control.before, control.after);
    expect(delta('dbolt_job_duration_seconds_count', { status: 'complete' })).toBe(1);
    expect(delta('dbolt_job_duration_seconds_bucket', { status: 'complete', le: '86400' })).toBe(1);
    expect(delta('dbolt_job_duration_seconds_sum', { status: 'complete' })).toBeGreaterThan(0);
    expect(control.after.value('dbolt_workers', { state: 'alive' })).toBe(1);
    expect(control.after.value('dbolt_workers', { state: 'stale' })).toBe(0);
    expect(control.after.find('dbolt_queue_messages')).toHaveLength(9);
    expect(control.after.value('dbolt_queue_dead_letters')).toBe(0);
    expect(
      control.after
        .find('dbolt_projection_lag_events')
        .map((s) => s.labels.projection)
        .sort(),
    ).toEqual(['customers', 'job_results', 'jobs', 'queue_history', 'workers']);
    expect(control.after.find('dbolt_projection_lag_seconds', { projection: 'jobs' })).toEqual([expect.objectContaining({ value: 0 })]);
    for (const fleetWide of [
      'dbolt_jobs',
      'dbolt_job_duration_seconds_count',
      'dbolt_queue_messages',
      'dbolt_queue_dead_letters',
      'dbolt_workers',
      'dbolt_projection_lag_events',
      'dbolt_api_keys',
    ]) {
      expect(work.after.has(fleetWide)).toBe(false);
    }
  });

  it('has the default process metrics in every process, under the dbolt_ prefix', () => {
    for (const scraped of [control.after, work.after]) {
      expect(scraped.value('dbolt_process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(scraped.has('dbolt_nodejs_eventloop_lag_seconds')).toBe(true);
      expect(scraped.samples.every((s) => s.name.startsWith('dbolt_'))).toBe(true);
    }
  });
});
