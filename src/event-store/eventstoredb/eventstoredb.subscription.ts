import { START, excludeSystemEvents, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import { CatchUpSubscription } from '../catch-up-subscription';
import type { Checkpoint, RecordedEvent, SubscribeToAllOptions } from '../event-store.port';
import { decodeEsdbCheckpoint } from './esdb-checkpoint';
import { isUserEvent, toRecordedEvent } from './esdb-recorded-event';

export type EsdbSubscriptionOptions = SubscribeToAllOptions & {
  readonly from: Checkpoint | null;
  /** How many events the client may buffer ahead of the handler. */
  readonly batchSize: number;
};

const MAX_BACKOFF_MS = 5000;
// Servers before 23.10 never send caughtUp: this long without an event also counts as live.
const IDLE_LIVE_MS = 500;

/**
 * A catch-up subscription to $all from the checkpoint (exclusive, as ESDB subscriptions are),
 * handling one event at a time. A dropped connection resubscribes from the last handled event with
 * backoff, as the PostgreSQL subscription retries its reads; a handler failure stops it.
 */
export class EsdbSubscription extends CatchUpSubscription {
  private caughtUp = false;
  private handling = false;
  private failures = 0;
  private stream: AllStreamSubscription | null = null;
  private idleTimer: NodeJS.Timeout | undefined;
  private wake: () => void = () => undefined;
  readonly done: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    super(options.from);
    this.done = this.run();
  }

  protected interrupt(): void {
    this.stream?.destroy();
    this.wake();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let stream: AllStreamSubscription | undefined;
      try {
        stream = this.open();
        await this.consume(stream);
      } catch (error) {
        if (!this.stopped) this.reportDrop(error);
      } finally {
        clearTimeout(this.idleTimer);
        stream?.destroy();
        void stream?.unsubscribe().catch(() => undefined);
      }
      if (!this.stopped) await this.pause(Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures));
    }
  }

  private open(): AllStreamSubscription {
    const fromPosition = this.current === null ? START : decodeEsdbCheckpoint(this.current);
    const stream = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() }, { highWaterMark: this.options.batchSize });
    this.stream = stream;
    this.live = false;
    this.caughtUp = false;
    // Errors reach the loop through the iterator; this keeps a late one from going unhandled.
    stream.on('error', () => undefined);
    stream.on('confirmation', () => this.armIdleTimer(stream));
    stream.on('caughtUp', () => {
      this.caughtUp = true;
      this.refreshLive(stream);
    });
    stream.on('fellBehind', () => {
      this.caughtUp = false;
      this.live = false;
    });
    return stream;
  }

  private async consume(stream: AllStreamSubscription): Promise<void> {
    for await (const { event } of stream) {
      if (this.stopped) return;
      if (!event || !isUserEvent(event)) continue;
      const recorded = toRecordedEvent(event);
      if (recorded.checkpoint === this.current) continue;
      this.handling = true;
      try {
        await this.handle(recorded);
      } catch (error) {
        this.stopped = true;
        this.options.onError?.(error);
        return;
      } finally {
        this.handling = false;
      }
      this.current = recorded.checkpoint;
      this.failures = 0;
      this.refreshLive(stream);
      this.armIdleTimer(stream);
    }
  }

  /** Events outside the filter only move the checkpoint; a batch consumer gets pages of one. */
  private async handle(event: RecordedEvent): Promise<void> {
    const { eventTypes, handleBatch, handler } = this.options;
    const wanted = !eventTypes || eventTypes.includes(event.type);
    if (handleBatch) await handleBatch(wanted ? [event] : [], event.checkpoint);
    else if (wanted) await handler!(event);
  }

  /** Live once the server said caught up and every event buffered before that is handled. */
  private refreshLive(stream: AllStreamSubscription): void {
    if (this.caughtUp && !this.handling && stream.readableLength === 0) this.live = true;
  }

  private armIdleTimer(stream: AllStreamSubscription): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.handling && stream.readableLength === 0 && this.stream === stream) this.live = true;
    }, IDLE_LIVE_MS);
    this.idleTimer.unref();
  }

  private reportDrop(error: unknown): void {
    this.failures += 1;
    this.options.onError?.(error);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
