import { Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { apiKeyMetrics } from '../auth/api-keys/api-key-metrics';
import { ApiKeys } from '../auth/api-keys/api-keys.service';
import { NoRateLimit } from '../http/rate-limit/rate-limit-trackers';
import { StaffOrApiKeyController } from '../http/guarded-controller.decorator';
import { Database } from '../database/database';
import { DeadLetters } from '../queue/dead-letters.service';
import { MESSAGE_QUEUE, PRIORITIES, type MessageQueue } from '../queue/queue.port';
import { LocalWorker } from '../workers/workers.module';
import { renderMetrics, type Metric } from './prometheus-text';

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** `GET /api/metrics` for Prometheus (docs/requirements.md R-OBS-1, R-API-10): staff, or a scraper's key with scope `metrics`. */
/** Not rate limited: a scraper polls it on a fixed schedule, and it needs a credential anyway. */
@StaffOrApiKeyController('metrics', 'metrics')
@NoRateLimit()
export class MetricsController {
  constructor(
    private readonly database: Database,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
    @Inject(LocalWorker) private readonly worker: LocalWorker,
    @Inject(ApiKeys) private readonly apiKeys: ApiKeys,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(): Promise<string> {
    const keys = apiKeyMetrics(await this.apiKeys.list());
    return renderMetrics([...(await this.queueMetrics()), ...this.workerMetrics(), ...(await this.jobMetrics()), ...keys]);
  }

  private async queueMetrics(): Promise<Metric[]> {
    const depth = await this.queue.depth();
    const counts = this.deadLetters.counts;
    const states = ['visible', 'delayed', 'inFlight'] as const;
    return [
      { name: 'dbolt_queue_messages', help: 'Queue messages by priority tier and state.', type: 'gauge',
        samples: PRIORITIES.flatMap((tier) => states.map((state) => ({ labels: { tier, state }, value: depth.tiers[tier][state] }))) },
      { name: 'dbolt_queue_dead_letters', help: 'Messages in the dead-letter queue.', type: 'gauge', samples: [{ value: depth.deadLetters }] },
      { name: 'dbolt_dead_letters_recorded_total', help: 'Dead letters recorded as SubmissionDeadLettered by this process.', type: 'counter', samples: [{ value: counts.recorded }] },
      { name: 'dbolt_dead_letters_malformed_total', help: 'Dead letters whose body names no job, seen by this process.', type: 'counter', samples: [{ value: counts.malformed }] },
      { name: 'dbolt_dead_letters_redriven_total', help: 'Dead letters redriven by this process.', type: 'counter', samples: [{ value: counts.redriven }] },
    ];
  }

  private workerMetrics(): Metric[] {
    const stats = this.worker.stats();
    if (!stats) return [];
    const worker = { worker: stats.workerId };
    return [
      { name: 'dbolt_worker_in_flight', help: 'Submissions this worker is running.', type: 'gauge', samples: [{ labels: worker, value: stats.inFlight }] },
      { name: 'dbolt_worker_concurrency', help: 'Submissions this worker may run at once (autoscaled).', type: 'gauge', samples: [{ labels: worker, value: stats.concurrency }] },
      { name: 'dbolt_worker_received_total', help: 'Messages received by this worker.', type: 'counter', samples: [{ labels: worker, value: stats.received }] },
      { name: 'dbolt_worker_outcomes_total', help: 'Messages settled by outcome.', type: 'counter',
        samples: Object.entries(stats.outcomes).map(([outcome, value]) => ({ labels: { ...worker, outcome }, value })) },
      { name: 'dbolt_worker_dead_lettered_total', help: 'Malformed or unprocessable messages this worker dead-lettered.', type: 'counter', samples: [{ labels: worker, value: stats.deadLettered }] },
      { name: 'dbolt_worker_released_total', help: 'Messages this worker gave back to the queue.', type: 'counter', samples: [{ labels: worker, value: stats.released }] },
      { name: 'dbolt_breaker_state', help: 'Consumer circuit breaker: 0 closed, 1 half-open, 2 open.', type: 'gauge', samples: [{ labels: worker, value: BREAKER_VALUE[stats.breaker.state] }] },
      { name: 'dbolt_breaker_opened_total', help: 'Times the consumer circuit breaker opened.', type: 'counter', samples: [{ labels: worker, value: stats.breaker.timesOpened }] },
    ];
  }

  private async jobMetrics(): Promise<Metric[]> {
    // The read model exists once the projector has run; until then there is nothing to count.
    const { rows } = await this.database.pool.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM jobs GROUP BY status').catch(() => ({ rows: [] }));
    return [{ name: 'dbolt_jobs', help: 'Jobs by status (jobs read model).', type: 'gauge', samples: rows.map((row) => ({ labels: { status: row.status }, value: Number(row.n) })) }];
  }
}
