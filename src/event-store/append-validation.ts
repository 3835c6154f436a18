import { randomUUID } from 'node:crypto';
import { isStorableText } from '../shared/storable-text';
import { EventTooLargeError, InvalidAppendError, InvalidReadError } from './event-store.errors';
import { assertStorableEvent } from './storable-json';
import type {
  Actor,
  AppendOptions,
  EventMetadata,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeToAllOptions,
} from './event-store.port';
import { isList } from '../shared/is-list';

/** An event ready to be written: metadata complete, payloads serialised once. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly metadata: EventMetadata;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'system' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_ID_LENGTH = 200;
const MAX_TYPE_LENGTH = 200;

export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidAppendError('Stream id must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH) {
    throw new InvalidAppendError(`Stream id is longer than ${MAX_STREAM_ID_LENGTH} characters`);
  }
  if (!isStorableText(streamId)) {
    throw new InvalidAppendError('Stream id holds a NUL character or a lone UTF-16 surrogate, which cannot be stored');
  }
  if (streamId.startsWith('$')) {
    throw new InvalidAppendError(`Stream id "${streamId}" is reserved: ids starting with $ are system streams`);
  }
}

export function validateExpectedVersion(expected: unknown): asserts expected is ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new InvalidAppendError(
    `Unknown expected version ${JSON.stringify(expected)}: use 'any', 'no_stream', 'stream_exists' or a whole number >= 0`,
  );
}

/** True when a stream at `actual` satisfies `expected`. */
export function expectationHolds(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  if (expected === 'stream_exists') return actual > 0;
  return expected === actual;
}

/** An append's input as both adapters take it: a valid stream id, then the events made ready to store. */
export function prepareAppend(
  streamId: unknown,
  events: readonly NewEvent[],
  options: AppendOptions,
  maxEventBytes: number,
): PreparedEvent[] {
  validateStreamId(streamId);
  return prepareEvents(events, options, maxEventBytes);
}

export function prepareEvents(events: readonly NewEvent[], options: AppendOptions, maxEventBytes: number): PreparedEvent[] {
  if (!isList(events) || events.length === 0) {
    throw new InvalidAppendError('An append needs at least one event');
  }
  validateExpectedVersion(options?.expectedVersion);
  const batchCorrelation = options.correlationId ?? randomUUID();
  const seen = new Set<string>();
  return events.map((event) => {
    const prepared = prepareOne(event, options, batchCorrelation, maxEventBytes);
    if (seen.has(prepared.eventId)) {
      throw new InvalidAppendError(`Event id ${prepared.eventId} appears twice in one append`);
    }
    seen.add(prepared.eventId);
    return prepared;
  });
}

function prepareOne(event: NewEvent, options: AppendOptions, correlationId: string, maxEventBytes: number): PreparedEvent {
  if (event === null || typeof event !== 'object') throw new InvalidAppendError('Each event must be an object');
  const { type } = event;
  if (typeof type !== 'string' || type.trim() === '' || type.length > MAX_TYPE_LENGTH) {
    throw new InvalidAppendError(`Event type must be a non-empty string of at most ${MAX_TYPE_LENGTH} characters`);
  }
  if (type.startsWith('$')) throw new InvalidAppendError(`Event type "${type}" is reserved for system events`);
  if (event.data === undefined) throw new InvalidAppendError(`Event "${type}" has no data`);
  const metadata = completeMetadata(event.metadata ?? {}, options, correlationId);
  const dataJson = serialise(event.data, type);
  const metadataJson = JSON.stringify(metadata);
  assertStorableEvent(type, dataJson, metadataJson);
  const size = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (size > maxEventBytes) throw new EventTooLargeError(type, size, maxEventBytes);
  return { eventId: metadata.eventId, type, metadata, dataJson, metadataJson };
}

function completeMetadata(given: Partial<EventMetadata>, options: AppendOptions, correlationId: string): EventMetadata {
  const eventId = given.eventId ?? randomUUID();
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new InvalidAppendError(`Event id ${JSON.stringify(eventId)} is not a UUID`);
  }
  const correlation = given.correlationId ?? correlationId;
  return {
    eventId: eventId.toLowerCase(),
    correlationId: correlation,
    causationId: given.causationId ?? options.causationId ?? correlation,
    actor: given.actor ?? options.actor ?? SYSTEM_ACTOR,
    timestamp: given.timestamp ?? options.timestamp ?? new Date().toISOString(),
  };
}

function serialise(data: unknown, type: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new InvalidAppendError(`Event "${type}" data is not serialisable as JSON: ${(error as Error).message}`);
  }
  if (json === undefined) throw new InvalidAppendError(`Event "${type}" data is not serialisable as JSON`);
  return json;
}

export function validateReadStream(streamId: string, options: ReadStreamOptions): void {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw new InvalidReadError('Stream id must be a non-empty string');
  }
  if (!isStorableText(streamId)) throw new InvalidReadError('Stream id holds a NUL character or a lone UTF-16 surrogate: no stream has it');
  const { fromVersion, maxCount, direction } = options;
  if (fromVersion !== undefined && !(Number.isSafeInteger(fromVersion) && fromVersion >= 0)) {
    throw new InvalidReadError(`fromVersion must be a whole number >= 0, got ${String(fromVersion)}`);
  }
  validateMaxCount(maxCount);
  if (direction !== undefined && direction !== 'forwards' && direction !== 'backwards') {
    throw new InvalidReadError(`direction must be 'forwards' or 'backwards', got ${String(direction)}`);
  }
}

export function validateReadAll(options: ReadAllOptions): void {
  validateMaxCount(options.maxCount);
  validateEventTypes(options.eventTypes);
}

function validateMaxCount(maxCount: number | undefined): void {
  if (maxCount !== undefined && !(Number.isSafeInteger(maxCount) && maxCount > 0)) {
    throw new InvalidReadError(`maxCount must be a whole number > 0, got ${String(maxCount)}`);
  }
}

export function validateSubscribe(options: SubscribeToAllOptions): void {
  if (typeof options.handler !== 'function' && typeof options.handleBatch !== 'function') {
    throw new InvalidReadError('A subscription needs a handler or a handleBatch function');
  }
  validateMaxCount(options.batchSize);
  validateEventTypes(options.eventTypes);
}

function validateEventTypes(eventTypes: unknown): void {
  if (eventTypes === undefined) return;
  if (!Array.isArray(eventTypes) || eventTypes.length === 0 || eventTypes.some((t) => typeof t !== 'string' || t === '')) {
    throw new InvalidReadError('eventTypes must be a non-empty list of event type names');
  }
}
