import type { Position } from '@eventstore/db-client';
import { InvalidCheckpointError } from '../event-store.errors';
import type { Checkpoint } from '../event-store.port';

const PATTERN = /^esdb:(0|[1-9]\d{0,19}):(0|[1-9]\d{0,19})$/;
// $all positions are unsigned 64-bit on the wire.
const MAX_POSITION = 2n ** 64n - 1n;

export function encodeEsdbCheckpoint(position: Position): Checkpoint {
  const checkpoint = `esdb:${position.commit}:${position.prepare}`;
  if (!inRange(position.commit) || !inRange(position.prepare)) throw new InvalidCheckpointError(checkpoint);
  return checkpoint;
}

/** Canonical form only (no signs, no leading zeros), so equal positions give equal strings. */
export function decodeEsdbCheckpoint(checkpoint: Checkpoint): Position {
  const match = typeof checkpoint === 'string' ? PATTERN.exec(checkpoint) : null;
  if (!match) throw new InvalidCheckpointError(String(checkpoint));
  const position = { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
  if (!inRange(position.commit) || !inRange(position.prepare)) throw new InvalidCheckpointError(checkpoint);
  return position;
}

export function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a.commit === b.commit && a.prepare === b.prepare;
}

function inRange(value: bigint): boolean {
  return typeof value === 'bigint' && value >= 0n && value <= MAX_POSITION;
}
