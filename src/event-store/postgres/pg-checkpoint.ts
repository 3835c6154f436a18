import { InvalidCheckpointError } from '../event-store.errors';
import type { Checkpoint } from '../event-store.port';

/** A position in the PostgreSQL global log: the pair readers order and page by. */
export interface PgLogPosition {
  readonly transactionId: string;
  readonly position: bigint;
}

export const PG_LOG_START: PgLogPosition = { transactionId: '0', position: 0n };
const PATTERN = /^pg:(\d{1,20}):(\d{1,20})$/;

export function encodePgCheckpoint(at: PgLogPosition): Checkpoint {
  return `pg:${at.transactionId}:${at.position}`;
}

export function decodePgCheckpoint(checkpoint: Checkpoint | null | undefined): PgLogPosition {
  if (checkpoint === null || checkpoint === undefined) return PG_LOG_START;
  const match = typeof checkpoint === 'string' ? PATTERN.exec(checkpoint) : null;
  if (!match) throw new InvalidCheckpointError(String(checkpoint));
  return { transactionId: match[1], position: BigInt(match[2]) };
}
