import type { ExpectedVersion } from './event-store.port';

/** Base of every error the event store raises on purpose; `code` is stable for API mapping. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused; 0 means the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Wrong expected version for stream "${streamId}": expected ${String(expected)}, actual ${actual}`);
  }
}

/** The caller asked for something that can never succeed (bad stream id, empty batch, ...). */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'INVALID_APPEND';
}

export class InvalidReadError extends EventStoreError {
  readonly code = 'INVALID_READ';
}

export class EventTooLargeError extends EventStoreError {
  readonly code = 'EVENT_TOO_LARGE';
  constructor(
    readonly eventType: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Event of type "${eventType}" is ${size} bytes; the limit is ${limit} bytes`);
  }
}

export class InvalidCheckpointError extends EventStoreError {
  readonly code = 'INVALID_CHECKPOINT';
  constructor(readonly checkpoint: string) {
    super(`Checkpoint "${checkpoint}" is not one this event store wrote`);
  }
}

/**
 * Event data (or its type or metadata) holds text the store cannot keep: PostgreSQL's jsonb
 * refuses NUL and lone UTF-16 surrogates. Refused before anything is written, on every adapter.
 */
export class InvalidEventDataError extends EventStoreError {
  readonly code = 'INVALID_EVENT_DATA';
  constructor(
    /** Null when the server refused the append without saying which event. */
    readonly eventType: string | null,
    message: string,
  ) {
    super(message);
  }
}
