import {
  ANY,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
  type ReadRevision,
} from '@eventstore/db-client';
import { validateExpectedVersion } from '../append-validation';
import type { ExpectedVersion, ReadDirection } from '../event-store.port';

/**
 * Our versions are 1-based counts (a stream with n events is at version n, an absent one at 0);
 * EventStoreDB revisions are 0-based event numbers. So version n is revision n - 1, and version 0
 * is the NO_STREAM constant: the client must never be given -1.
 */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  validateExpectedVersion(expected);
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === 0 ? NO_STREAM : BigInt(expected - 1);
  }
}

// Legacy event numbers the server can still put in error metadata instead of the constants.
const LEGACY_NO_STREAM = -1n;
const LEGACY_ANY = -2n;
const LEGACY_STREAM_EXISTS = -4n;

/** The inverse of toExpectedRevision, for error messages built from what the server reports. */
export function fromExpectedRevision(revision: AppendExpectedRevision): ExpectedVersion {
  if (revision === ANY || revision === LEGACY_ANY) return 'any';
  if (revision === NO_STREAM || revision === LEGACY_NO_STREAM) return 'no_stream';
  if (revision === STREAM_EXISTS || revision === LEGACY_STREAM_EXISTS) return 'stream_exists';
  if (typeof revision === 'bigint' && revision >= 0n) return Number(revision) + 1;
  throw new RangeError(`Not an EventStoreDB expected revision: ${String(revision)}`);
}

/** A stream's version from its current revision; an absent stream (NO_STREAM or -1) is at 0. */
export function toStreamVersion(revision: CurrentRevision): number {
  if (revision === NO_STREAM || revision < 0n) return 0;
  return Number(revision) + 1;
}

/**
 * Where a stream read starts. `fromVersion` is inclusive; 0 reads forwards from the start and,
 * backwards, has nothing before it (null: nothing to read).
 */
export function toReadRevision(fromVersion: number | undefined, direction: ReadDirection): ReadRevision | null {
  if (fromVersion === undefined) return direction === 'forwards' ? START : END;
  if (fromVersion === 0) return direction === 'forwards' ? START : null;
  return BigInt(fromVersion - 1);
}
