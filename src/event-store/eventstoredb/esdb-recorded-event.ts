import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { Actor, EventMetadata, RecordedEvent } from '../event-store.port';
import { encodeEsdbCheckpoint } from './esdb-checkpoint';

const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };
// Servers before 22.6 leave the $all position of stream reads empty; the client reports 0/0.
const NO_POSITION = { commit: 0n, prepare: 0n };

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = event.position ?? NO_POSITION;
  return {
    streamId: event.streamId,
    streamVersion: Number(event.revision) + 1,
    type: event.type,
    data: event.data,
    metadata: toEventMetadata(event.metadata, event.id, event.created),
    globalPosition: position.commit,
    checkpoint: encodeEsdbCheckpoint(position),
    recordedAt: event.created,
  };
}

/** System events ($-types such as links and stats, or anything in a $-stream) are not ours. */
export function isUserEvent(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return !event.type.startsWith('$') && !event.streamId.startsWith('$');
}

export async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

/**
 * The client has already parsed the metadata we wrote (EventMetadata as JSON). Events written by
 * other tools may carry none; they get metadata derived from the event itself.
 */
function toEventMetadata(raw: unknown, eventId: string, created: Date): EventMetadata {
  if (isEventMetadata(raw)) return raw;
  return { eventId, correlationId: eventId, causationId: eventId, actor: SYSTEM_ACTOR, timestamp: created.toISOString() };
}

function isEventMetadata(raw: unknown): raw is EventMetadata {
  if (typeof raw !== 'object' || raw === null || raw instanceof Uint8Array) return false;
  const { eventId, correlationId, causationId, actor, timestamp } = raw as Partial<Record<keyof EventMetadata, unknown>>;
  return (
    typeof eventId === 'string' &&
    typeof correlationId === 'string' &&
    typeof causationId === 'string' &&
    typeof timestamp === 'string' &&
    typeof actor === 'object' &&
    actor !== null
  );
}
