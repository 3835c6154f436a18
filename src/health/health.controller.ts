import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { NoRateLimit } from '../http/rate-limit/rate-limit-trackers';
import { LocalWorker } from '../workers/workers.module';

/** Not rate limited: supervisors and load balancers probe it often, from few addresses. */
@Controller('health')
@ApiTags('health')
@NoRateLimit()
export class HealthController {
  constructor(
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LocalWorker) private readonly worker: LocalWorker,
  ) {}

  /** 200 when the database answers, 503 otherwise; never a stack trace. */
  @Get()
  async health(): Promise<object> {
    try {
      const database = await this.database.describe();
      const stats = this.worker.stats();
      // An open breaker means this worker is paused on a queue or database outage: degraded, not down.
      const worker = stats && { id: stats.workerId, inFlight: stats.inFlight, breaker: stats.breaker.state };
      return { status: stats?.breaker.state === 'open' ? 'degraded' : 'ok', database, eventStore: this.eventStore.name, ...(worker ? { worker } : {}) };
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        database: { mode: this.database.mode, error: (error as Error).message },
      });
    }
  }
}
