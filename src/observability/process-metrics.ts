import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Every name we export starts with this; the default process metrics get it too. */
export const METRIC_PREFIX = 'dbolt_';

const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SUBMISSION_BUCKETS = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/**
 * What this process measures about itself, in a registry of its own (not prom-client's global
 * one): a scrape of this process shows only its own work, and several apps booted in one test
 * process do not mix their counts.
 */
@Injectable()
export class ProcessMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'dbolt_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: FAST_BUCKETS,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'dbolt_event_append_duration_seconds',
    help: 'Event store appends by result (ok, conflict, error).',
    labelNames: ['result'] as const,
    buckets: FAST_BUCKETS,
    registers: [this.registry],
  });

  readonly eventsAppended = new Counter({
    name: 'dbolt_events_appended_total',
    help: 'Events appended by this process, by event type (idempotent repeats not counted).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });

  readonly submissionDuration = new Histogram({
    name: 'dbolt_submission_duration_seconds',
    help: 'Submissions to a directory site by this process, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: SUBMISSION_BUCKETS,
    registers: [this.registry],
  });

  readonly submissions = new Counter({
    name: 'dbolt_submissions_total',
    help: 'Submission outcomes by error class: success, duplicate, dry_run, transient, permanent, needs_manual, or thrown.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly retries = new Counter({
    name: 'dbolt_submission_retries_total',
    help: 'Retries scheduled by this process (SubmissionRetryScheduled appended), by error class.',
    labelNames: ['error_class'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
