import type { ChannelWake } from '../../database/channel-wake';
import { CatchUpSubscription } from '../catch-up-subscription';
import type { AllSlice, Checkpoint, ReadAllOptions, SubscribeToAllOptions } from '../event-store.port';

export interface PollingSubscriptionDeps {
  readonly readAll: (options: ReadAllOptions) => Promise<AllSlice>;
  readonly wake: ChannelWake;
  readonly pollIntervalMs: number;
}

export type PollingSubscriptionOptions = SubscribeToAllOptions & {
  readonly from: Checkpoint | null;
  readonly batchSize: number;
};

const MAX_READ_BACKOFF_MS = 5000;

/**
 * Catch-up then live: reads pages after the checkpoint until the end of the log, then waits for
 * a wake-up or the poll interval. Read failures are retried with backoff (the database may come
 * back); a handler failure stops the subscription, since only the consumer knows if it is safe.
 */
export class PollingSubscription extends CatchUpSubscription {
  readonly done: Promise<void>;

  constructor(
    private readonly deps: PollingSubscriptionDeps,
    private readonly options: PollingSubscriptionOptions,
  ) {
    super(options.from);
    this.done = this.run();
  }

  protected interrupt(): void {
    this.deps.wake.notify();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let page: AllSlice;
      // An append between this read and the wait below must still wake us.
      const seen = this.deps.wake.version;
      try {
        page = await this.deps.readAll({ after: this.current, maxCount: this.options.batchSize, eventTypes: this.options.eventTypes });
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.onError?.(error);
        await this.deps.wake.wait(Math.min(MAX_READ_BACKOFF_MS, 100 * 2 ** failures));
        continue;
      }
      if (!(await this.deliver(page))) return;
      if (page.isEnd) {
        this.live = true;
        if (!this.stopped) await this.deps.wake.wait(this.deps.pollIntervalMs, seen);
      }
    }
  }

  private async deliver(page: AllSlice): Promise<boolean> {
    try {
      if (this.options.handleBatch) {
        if (page.checkpoint === this.current) return !this.stopped;
        if (this.stopped) return false;
        await this.options.handleBatch(page.events, page.checkpoint);
      } else {
        for (const event of page.events) {
          if (this.stopped) return false;
          await this.options.handler!(event);
          this.current = event.checkpoint;
        }
      }
    } catch (error) {
      this.stopped = true;
      this.options.onError?.(error);
      return false;
    }
    this.current = page.checkpoint;
    return !this.stopped;
  }
}
