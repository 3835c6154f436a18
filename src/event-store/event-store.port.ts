import type { Event } from '../shared/message';

/**
 * The event store port. Every adapter (PostgreSQL, EventStoreDB) passes the same contract suite
 * in test/contract. Stream versions are 1-based counts: a stream with n events is at version n,
 * and an empty (absent) stream is at version 0.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

export type ActorKind = 'staff' | 'customer' | 'api_key' | 'worker' | 'system';

export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
}

export interface EventMetadata {
  readonly eventId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  /** ISO-8601; supplied by the caller so deciders stay pure, defaulted by the store otherwise. */
  readonly timestamp: string;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata?: Partial<EventMetadata>;
}

/**
 * Where a reader of the global log stands. Opaque: each adapter encodes its own position
 * (PostgreSQL: transaction id and position; EventStoreDB: commit and prepare). Only store it and
 * hand it back. `null` means "from the beginning".
 */
export type Checkpoint = string;

/** What the store adds to every event it keeps. */
export interface RecordedEnvelope {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly metadata: EventMetadata;
  /** Monotonic within one adapter's log; used for display and lag, not for resuming. */
  readonly globalPosition: bigint;
  readonly checkpoint: Checkpoint;
  readonly recordedAt: Date;
}

/**
 * A stored event read as one of the union `E` (by default: any type, untyped data). Narrowing on
 * `type` narrows `data`. Reads are typed in one place (event-decoding.ts), by the type tag.
 */
export type RecordedEvent<E extends Event = Event> = RecordedEnvelope & E;

export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
  /** Defaults for the metadata of every event in the batch that does not set its own. */
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly actor?: Actor;
  readonly timestamp?: string;
}

export interface AppendResult {
  /** The stream version after the append (unchanged when every event was already stored). */
  readonly nextVersion: number;
  /** Global position of the last event of the batch as stored. */
  readonly lastPosition: bigint;
  readonly checkpoint: Checkpoint;
  /** False when every event id was already stored: the append was an idempotent no-op. */
  readonly appended: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Forwards defaults to 1, backwards to the last version. */
  readonly fromVersion?: number;
  readonly direction?: ReadDirection;
  readonly maxCount?: number;
}

export interface StreamSlice<E extends Event = Event> {
  readonly streamId: string;
  /** Current version of the whole stream, 0 when it does not exist. */
  readonly version: number;
  readonly events: readonly RecordedEvent<E>[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this checkpoint. */
  readonly after?: Checkpoint | null;
  /** How many events of the log to scan (matching the filter or not). */
  readonly maxCount?: number;
  /** Only events of these types are returned; the checkpoint still moves past the others. */
  readonly eventTypes?: readonly string[];
}

export interface AllSlice<E extends Event = Event> {
  readonly events: readonly RecordedEvent<E>[];
  /** Where the read stopped: the last event scanned, or the `after` given when none was. */
  readonly checkpoint: Checkpoint | null;
  /** True when the read reached the end of what is readable now. */
  readonly isEnd: boolean;
}

export interface SubscribeToAllOptions {
  readonly from?: Checkpoint | null;
  /** Called once per event, in global order; the subscription waits for it before going on. */
  readonly handler?: (event: RecordedEvent) => Promise<void>;
  /**
   * Alternative to `handler`: one call per page, with the checkpoint the page ends at, so the
   * consumer can store it in the same transaction as its effects. Called with no events too,
   * when a filtered page matched nothing but the checkpoint moved.
   */
  readonly handleBatch?: (events: readonly RecordedEvent[], checkpoint: Checkpoint | null) => Promise<void>;
  readonly eventTypes?: readonly string[];
  readonly onError?: (error: unknown) => void;
  readonly batchSize?: number;
}

export interface Subscription {
  /** The checkpoint of the last event the handler finished. */
  readonly checkpoint: Checkpoint | null;
  /** True once the subscription has read everything there was and is waiting for more. */
  readonly isLive: boolean;
  /** Resolves when the subscription has stopped (after stop() or a handler error). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export interface EventStore {
  readonly name: 'postgres' | 'eventstoredb';
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StreamSlice>;
  readAll(options?: ReadAllOptions): Promise<AllSlice>;
  subscribeToAll(options: SubscribeToAllOptions): Subscription;
  close(): Promise<void>;
}
