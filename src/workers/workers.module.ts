import { Global, Inject, Logger, Module, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { DirectoryTargets } from '../directories/directory-targets.repository';
import { DuplicateGuard } from '../duplicate-suppression/duplicate-guard';
import { ListingSubmissions } from '../duplicate-suppression/listing-submissions.repository';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { registerBrowserMetrics } from '../observability/local-metrics';
import { registerMappingServiceMetrics } from '../observability/mapping-service-metrics';
import { MeasuredSubmitter } from '../observability/measured-submitter';
import { ProcessMetrics } from '../observability/process-metrics';
import { MESSAGE_QUEUE, type MessageQueue } from '../queue/queue.port';
import { ConcurrencyGovernor, DEFAULT_GOVERNOR, MachineSampler } from './concurrency-governor';
import { createSubmitter } from './create-submitter';
import { QueueConsumer, type ConsumerStats } from './queue-consumer';
import { SubmissionProcessor, type ProcessResult } from './submission-processor';
import { SUBMITTER, type Submitter } from './submitter.port';
import { WorkerHeartbeat } from './worker-heartbeat';
import { workerPresence } from './worker-liveness';

const logger = new Logger('Worker');
const AUTOSCALE_EVERY_MS = 2000;

/** Who runs here, for the admin API and health; null without the `worker` role. */
export class LocalWorker {
  consumer: QueueConsumer | null = null;

  stats(): ConsumerStats | null {
    return this.consumer?.snapshot() ?? null;
  }
}

/**
 * Every process: the submitter (test submissions use it too) and who works here. Shutdown stops
 * the worker first, if the `worker` role started one, then closes the browser.
 */
@Global()
@Module({
  providers: [
    {
      provide: SUBMITTER,
      inject: [APP_CONFIG, ProcessMetrics],
      useFactory: (config: AppConfig, metrics: ProcessMetrics) =>
        createSubmitter(config, (pool) => registerBrowserMetrics(metrics.registry, () => pool.stats()), {
          log: (message) => logger.warn(message),
          watch: (client) => registerMappingServiceMetrics(metrics.registry, () => client.stats()),
        }),
    },
    LocalWorker,
  ],
  exports: [SUBMITTER, LocalWorker],
})
export class WorkersModule implements BeforeApplicationShutdown {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SUBMITTER) private readonly submitter: Submitter,
    @Inject(LocalWorker) private readonly local: LocalWorker,
  ) {}

  /** Finish or release in-flight work before the queue and database close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.local.consumer?.stop(this.config.browser.shutdownGraceMs);
    await this.submitter.close();
  }
}

/** The `worker` role: one submission worker (one Chromium, bounded concurrency) in this process. */
@Module({})
export class WorkerRoleModule implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(SUBMITTER) private readonly submitter: Submitter,
    @Inject(LocalWorker) private readonly local: LocalWorker,
    @Inject(ProcessMetrics) private readonly metrics: ProcessMetrics,
  ) {}

  onApplicationBootstrap(): void {
    const { config, database, store } = this;
    const workerId = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
    const processor = new SubmissionProcessor({
      store,
      submitter: new MeasuredSubmitter(this.submitter, this.metrics),
      targets: new DirectoryTargets(database.pool),
      presence: workerPresence(database.pool, config.worker.staleAfterMs),
      retry: config.retry,
      workerId,
      idempotencyWindowDays: config.idempotencyWindowDays,
      duplicates: new DuplicateGuard(store, new ListingSubmissions(database.pool), config.idempotencyWindowDays),
      visibilityTimeoutMs: config.queue.visibilityTimeoutMs,
      onError: (what, error) => logger.error(`${what}: ${(error as Error).message}`),
    });
    const { worker, queue } = config;
    const autoscale = worker.autoscale
      ? {
          governor: new ConcurrencyGovernor({ min: worker.minConcurrency, max: worker.concurrency, ...DEFAULT_GOVERNOR }),
          sampler: new MachineSampler(),
          everyMs: AUTOSCALE_EVERY_MS,
        }
      : undefined;
    this.local.consumer = new QueueConsumer(
      this.queue,
      processor,
      new WorkerHeartbeat(database.pool, workerId, { roles: config.roles, browser: () => this.submitter.browserState?.() ?? null }),
      {
        concurrency: worker.concurrency,
        autoscale,
        receiveWaitMs: queue.receiveWaitMs,
        visibilityTimeoutMs: queue.visibilityTimeoutMs,
        agingMs: queue.agingMs,
        breakerThreshold: worker.breakerThreshold,
        breakerCooldownMs: worker.breakerCooldownMs,
        heartbeatIntervalMs: worker.heartbeatIntervalMs,
        onError: (what, error) => logger.error(`${what}: ${(error as Error).message}`),
        onSettled: (result) => logger.log(describeSettled(result)),
      },
    );
    this.local.consumer.start();
    logger.log(
      `worker ${workerId} consuming (${queue.kind} queue, concurrency ${worker.autoscale ? `${worker.minConcurrency}–` : ''}${worker.concurrency})`,
    );
  }
}

function describeSettled(result: ProcessResult): string {
  switch (result.action) {
    case 'ack':
      return `submission done: ${result.outcome}`;
    case 'release':
      return `submission released for ${result.delayMs} ms: ${result.reason}`;
    case 'dead_letter':
      return `submission dead-lettered: ${result.reason}`;
    default: {
      const unexpected: never = result;
      return unexpected;
    }
  }
}
