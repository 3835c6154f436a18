import type { Checkpoint, Subscription } from './event-store.port';

/**
 * What both adapters' subscriptions to all events share: where they are, whether they are live,
 * and how they stop. Each adapter's loop moves `current` and `live` and ends once `stopped`.
 */
export abstract class CatchUpSubscription implements Subscription {
  abstract readonly done: Promise<void>;
  protected live = false;
  protected stopped = false;

  protected constructor(protected current: Checkpoint | null) {}

  get checkpoint(): Checkpoint | null {
    return this.current;
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Resolves once an event being handled has finished; no handler starts after it is called. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt();
    await this.done;
  }

  /** Cuts short what the loop is waiting on (a timer, a connection), so that it sees `stopped` now. */
  protected abstract interrupt(): void;
}
