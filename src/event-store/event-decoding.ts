import type { Event, EventTypes } from '../shared/message';
import type { EventStore, ReadStreamOptions, RecordedEvent, StreamSlice } from './event-store.port';

/**
 * The one place a stored event gets its type: by its type tag. An event of another type (one a
 * newer version wrote, or of another stream category) is not one of `E`. Name `E` where it
 * cannot be inferred (`isOneOf<JobEvent>(JOB_EVENT_TYPES, event)`): the list is checked against it.
 */
export function isOneOf<E extends Event>(types: EventTypes<E>, event: RecordedEvent): event is RecordedEvent<E> {
  return (types as readonly string[]).includes(event.type);
}

/** The events of `events` that are of the union `E`, typed as such. */
export function decodeEvents<E extends Event>(types: EventTypes<E>, events: readonly RecordedEvent[]): RecordedEvent<E>[] {
  return events.filter((event): event is RecordedEvent<E> => isOneOf(types, event));
}

/**
 * A stream read as the union its aggregate knows. Events of other types are left out (folds skip
 * them anyway); the version is the stream's, whatever they were.
 */
export async function readStream<E extends Event>(
  store: EventStore,
  streamId: string,
  types: EventTypes<E>,
  options?: ReadStreamOptions,
): Promise<StreamSlice<E>> {
  const slice = await store.readStream(streamId, options);
  return { ...slice, events: decodeEvents(types, slice.events) };
}
