import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type {
  AllSlice,
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamSlice,
  SubscribeToAllOptions,
  Subscription,
} from '../event-store/event-store.port';
import type { ProcessMetrics } from './process-metrics';

/**
 * The EventStore port with appends timed and counted: one decorator where the store is
 * provided, so every adapter is measured alike and none of them knows about metrics.
 */
export class MeasuredEventStore implements EventStore {
  readonly name: EventStore['name'];

  constructor(
    readonly inner: EventStore,
    private readonly metrics: ProcessMetrics,
  ) {
    this.name = inner.name;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const stop = this.metrics.appendDuration.startTimer();
    try {
      const result = await this.inner.appendToStream(streamId, events, options);
      stop({ result: 'ok' });
      if (result.appended) this.count(events);
      return result;
    } catch (error) {
      stop({ result: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' });
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamSlice> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<AllSlice> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private count(events: readonly NewEvent[]): void {
    for (const event of events) {
      this.metrics.eventsAppended.inc({ type: event.type });
      if (event.type === 'SubmissionRetryScheduled') this.metrics.retries.inc({ error_class: errorClassOf(event.data) });
    }
  }
}

/** The store under any number of decorators: adapter-specific probes (lag) need the adapter itself. */
export function innermostStore(store: EventStore): EventStore {
  return store instanceof MeasuredEventStore ? innermostStore(store.inner) : store;
}

function errorClassOf(data: unknown): string {
  const value = typeof data === 'object' && data !== null && 'errorClass' in data ? data.errorClass : null;
  return typeof value === 'string' ? value : 'unknown';
}
