import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import { readStream } from '../event-store/event-decoding';
import type { AppendOptions, EventStore, NewEvent } from '../event-store/event-store.port';
import { fold, type StreamDecider } from './decider';
import type { Event as AnyEvent } from './message';

export interface ExecuteOptions {
  /**
   * The stream version the caller saw (e.g. HTTP If-Match). Omitted: the version just read, so a
   * concurrent writer between read and append still surfaces as WrongExpectedVersionError.
   */
  readonly expectedVersion?: number;
  readonly metadata: Omit<AppendOptions, 'expectedVersion'>;
  /**
   * Event ids for the decided events, in order. Reactions pass ids derived from what caused them,
   * so replaying the same cause appends nothing new.
   */
  readonly eventIds?: readonly string[];
  /**
   * The caller knows the stream is new (an id it just generated, or a stream it has just read
   * empty): the read is skipped and the append expects `no_stream`, which still refuses a stream
   * that exists by then. One round trip less on the busiest command (job creation).
   */
  readonly newStream?: boolean;
}

export interface ExecuteResult<Event, State> {
  readonly events: readonly Event[];
  readonly state: State;
  /** The stream version after the command (unchanged when it decided nothing). */
  readonly version: number;
  /** False when nothing new was stored: nothing was decided, or every event id was stored already. */
  readonly appended: boolean;
}

const NO_EVENTS = { events: [], version: 0 } as const;

/** Read → fold → decide → append with an expected version. The only way commands change state. */
export async function executeCommand<Command, Event extends AnyEvent, State>(
  store: EventStore,
  streamId: string,
  decider: StreamDecider<Command, Event, State>,
  command: Command,
  options: ExecuteOptions,
): Promise<ExecuteResult<Event, State>> {
  const { events: recorded, version } = options.newStream ? NO_EVENTS : await readStream(store, streamId, decider.eventTypes);
  // A stale edit fails even when it would change nothing: the caller decided on an old picture.
  if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
    throw new WrongExpectedVersionError(streamId, options.expectedVersion, version);
  }
  const state = fold(decider, recorded);
  const decided = decider.decide(command, state);
  if (decided.length === 0) return { events: decided, state, version, appended: false };
  const toAppend: NewEvent[] = decided.map((event, i) => ({
    type: event.type,
    data: event.data,
    metadata: options.eventIds?.[i] ? { eventId: options.eventIds[i] } : undefined,
  }));
  const result = await store.appendToStream(streamId, toAppend, {
    ...options.metadata,
    expectedVersion: options.expectedVersion ?? (options.newStream ? 'no_stream' : version),
  });
  return {
    events: decided,
    state: decided.reduce((current, event) => decider.evolve(current, event), state),
    version: result.nextVersion,
    appended: result.appended,
  };
}
