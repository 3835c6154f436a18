import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorFunction, type HealthIndicatorResult } from '@nestjs/terminus';
import { ProjectionHost, type ProjectionStatus } from '../../projections/runtime/projection-host';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { FleetRepository } from '../fleet/fleet.repository';
import { MESSAGE_QUEUE, type MessageQueue } from '../queue/queue.port';
import { withTimeout } from '../workers/browser/with-timeout';
import { LocalWorker } from '../workers/workers.module';
import { publicErrorMessage } from './health-response';

type Measured = Record<string, unknown>;
/** An advisory check's finding: `problem` set = degraded (still serving), never down. */
type Finding = Measured & { readonly problem?: string };

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
      this.advisory('breaker', async () => this.breaker()),
    ];
  }

  private required(key: string, measure: () => Promise<Measured>): HealthIndicatorFunction {
    return () => this.indicators.check(key).attempt(async () => {
      try {
        return await measure();
      } catch (error) {
        throw new Error(publicErrorMessage(error));
      }
    }).withTimeout(this.config.health.checkTimeoutMs);
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
    const counts = await this.fleet.counts(staleAfterMs);
    const measured = { ...counts, staleAfterSeconds: staleAfterMs / 1000 };
    return counts.live === 0 ? { ...measured, problem: 'no live worker: submissions wait until one heartbeats' } : measured;
  }

  private async projectionLag(): Promise<Finding> {
    const statuses = await this.projections.status();
    const limit = this.config.health.projectionLagSeconds;
    const behind = statuses.filter((s) => (s.lag?.seconds ?? 0) > limit).map((s) => s.name);
    const failing = statuses.filter((s) => s.lastError !== null).map((s) => s.name);
    const measured = { lagLimitSeconds: limit, projections: Object.fromEntries(statuses.map((s) => [s.name, lagOf(s)])) };
    const problems = [
      ...(failing.length > 0 ? [`failing: ${failing.join(', ')}`] : []),
      ...(behind.length > 0 ? [`behind by more than ${limit} s: ${behind.join(', ')}`] : []),
    ];
    return problems.length > 0 ? { ...measured, problem: problems.join('; ') } : measured;
  }

  /** This process's consumer breaker (R-QUEUE-5); the fleet's paused workers are counted under `workers`. */
  private breaker(): Finding {
    const stats = this.worker.stats();
    if (!stats) return { state: null, worker: null };
    const { state, timesOpened } = stats.breaker;
    const measured = { state, timesOpened, worker: stats.workerId };
    return state === 'open' ? { ...measured, problem: 'this worker paused: its queue or database calls keep failing' } : measured;
  }
}

/** Public: how far behind and whether it fails, not the error itself (it may quote event data). */
function lagOf(status: ProjectionStatus): Measured {
  return { eventsBehind: status.lag?.events ?? null, secondsBehind: status.lag?.seconds ?? null, state: status.state, failing: status.lastError !== null };
}
