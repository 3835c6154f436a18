import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { FleetRepository } from '../fleet/fleet.repository';
import { MESSAGE_QUEUE, type MessageQueue } from '../queue/queue.port';
import { withTimeout } from '../workers/browser/with-timeout';
import { LocalWorker } from '../workers/workers.module';
import { breakerFinding, projectionsFinding, workersFinding, type Finding, type Measured } from './health-findings';
import { publicErrorMessage } from './health-response';

/**
 * The checks behind the health endpoints. Readiness needs the database, the event store and the
 * queue: without them nothing can be served, so any of them down is 503. Workers, projection lag
 * and the breaker only degrade: the API still answers while submissions or read models wait.
 */
@Injectable()
export class HealthChecks implements OnModuleDestroy {
  private closing = false;

  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(Database) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(LocalWorker) private readonly worker: LocalWorker,
    @Inject(ProjectionHost) private readonly projections: ProjectionHost,
    @Inject(FleetRepository) private readonly fleet: FleetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Set when the app starts closing, before any module's shutdown work (a worker draining for up
   * to WORKER_SHUTDOWN_GRACE_MS): an orchestrator stops routing here while requests still get answers.
   */
  onModuleDestroy(): void {
    this.closing = true;
  }

  get shuttingDown(): boolean {
    return this.closing;
  }

  readiness(): HealthIndicatorFunction[] {
    return [
      this.required('database', async () => ({ ...(await this.database.describe()) })),
      this.required('eventStore', async () => {
        await this.store.readAll({ maxCount: 1 });
        return { name: this.store.name };
      }),
      this.required('queue', async () => {
        const { tiers, deadLetters } = await this.queue.depth();
        return { kind: this.queue.kind, tiers, deadLetters };
      }),
    ];
  }

  all(): HealthIndicatorFunction[] {
    return [
      ...this.readiness(),
      this.advisory('workers', () => this.workers()),
      this.advisory('projections', () => this.projectionLag()),
      this.advisory('breaker', async () => breakerFinding(this.worker.stats())),
    ];
  }

  private required(key: string, measure: () => Promise<Measured>): HealthIndicatorFunction {
    return () =>
      this.indicators
        .check(key)
        .attempt(async () => {
          try {
            return await measure();
          } catch (error) {
            // The public message alone: terminus logs what it is given, and the cause may quote credentials.
            // eslint-disable-next-line preserve-caught-error
            throw new Error(publicErrorMessage(error));
          }
        })
        .withTimeout(this.config.health.checkTimeoutMs);
  }

  private advisory(key: string, measure: () => Promise<Finding>): HealthIndicatorFunction {
    return async (): Promise<HealthIndicatorResult> => {
      const session = this.indicators.check(key);
      try {
        const { problem, ...measured } = await withTimeout(measure(), this.config.health.checkTimeoutMs, `the ${key} check`);
        return problem === undefined ? session.up(measured) : session.degraded({ ...measured, message: problem });
      } catch (error) {
        return session.degraded({ message: `not measured: ${publicErrorMessage(error)}` });
      }
    };
  }

  private async workers(): Promise<Finding> {
    const { staleAfterMs } = this.config.worker;
    return workersFinding(await this.fleet.counts(staleAfterMs), staleAfterMs);
  }

  private async projectionLag(): Promise<Finding> {
    return projectionsFinding(await this.projections.status(), this.config.health.projectionLagSeconds);
  }
}
