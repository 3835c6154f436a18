import { decodeEvents } from '../event-store/event-decoding';
import type { KnownEvent, KnownEventType } from '../event-store/event-registry';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { EventTypes } from '../shared/message';

/**
 * Something that happens because of events (appending to other streams, updating its own
 * bookkeeping). Delivery is at-least-once: `react` must be idempotent, which deterministic
 * event ids (src/shared/deterministic-id.ts) make easy.
 */
export interface Reaction {
  /** Also the subscription id its checkpoint is stored under. */
  readonly name: string;
  readonly handles: readonly KnownEventType[];
  /** The other types of the stream categories it handles, left alone on purpose (checked at boot). */
  readonly ignores?: readonly KnownEventType[];
  /** Handles one page; the checkpoint is stored only after it resolves. */
  react(events: readonly RecordedEvent[]): Promise<void>;
}

/** A reaction written against the union of the events it handles. */
export interface TypedReaction<E extends KnownEvent> {
  readonly name: string;
  readonly handles: EventTypes<E>;
  readonly ignores?: readonly Exclude<KnownEventType, E['type']>[];
  react(events: readonly RecordedEvent<E>[]): Promise<void>;
}

/** The reaction as the runtime runs it: each page is decoded to the handled union first. */
export function typedReaction<E extends KnownEvent>(reaction: TypedReaction<E>): Reaction {
  return { ...reaction, react: (events) => reaction.react(decodeEvents(reaction.handles, events)) };
}
