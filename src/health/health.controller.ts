import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '../database/database';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';

@Controller('health')
export class HealthController {
  constructor(
    private readonly database: Database,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  /** 200 when the database answers, 503 otherwise; never a stack trace. */
  @Get()
  async health(): Promise<object> {
    try {
      const database = await this.database.describe();
      return { status: 'ok', database, eventStore: this.eventStore.name };
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'unavailable',
        database: { mode: this.database.mode, error: (error as Error).message },
      });
    }
  }
}
