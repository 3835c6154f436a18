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
} from '../../src/event-store/event-store.port';

/**
 * How an injected append failure behaves: `lost` never reaches the store (a timeout before the
 * write), `landed` is stored and then fails (the connection reset before the answer came back).
 */
export type AppendFault = 'lost' | 'landed';

interface Plan {
  readonly matches: (streamId: string, events: readonly NewEvent[]) => boolean;
  readonly faults: AppendFault[];
}

/** An EventStore that fails chosen appends, for tests of what callers do when the store misbehaves. */
export class FaultyEventStore implements EventStore {
  readonly name: EventStore['name'];
  /** Appends that were failed, in order, with the fault used. */
  readonly injected: { readonly streamId: string; readonly types: readonly string[]; readonly fault: AppendFault }[] = [];
  private readonly plans: Plan[] = [];

  constructor(private readonly inner: EventStore) {
    this.name = inner.name;
  }

  /** The next appends that match fail, one fault each, in the order given. */
  failAppends(matches: Plan['matches'], faults: readonly AppendFault[]): void {
    this.plans.push({ matches, faults: [...faults] });
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const plan = this.plans.find((p) => p.faults.length > 0 && p.matches(streamId, events));
    const fault = plan?.faults.shift();
    if (!fault) return this.inner.appendToStream(streamId, events, options);
    this.injected.push({ streamId, types: events.map((e) => e.type), fault });
    if (fault === 'landed') await this.inner.appendToStream(streamId, events, options);
    throw new Error(
      fault === 'landed'
        ? 'Connection terminated unexpectedly (injected after the write)'
        : 'timeout exceeded when trying to connect (injected)',
    );
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
}

/** Matches appends of these event types. */
export const appendsOf =
  (...types: readonly string[]) =>
  (_streamId: string, events: readonly NewEvent[]): boolean =>
    events.some((event) => types.includes(event.type));
