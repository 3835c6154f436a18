import type { DeadLetter, Priority, QueueDepth, ReceivedMessage, TierDepth } from '../queue.port';
import { encodeReceipt } from './queue-receipt';

export interface ReceiveRow {
  readonly id: string | null;
  readonly priority: Priority;
  readonly body: string;
  readonly receipt: string;
  readonly receive_count: number;
  readonly sent_at: Date;
  readonly buried: number;
}

export interface DeadLetterRow {
  readonly id: string;
  readonly priority: Priority;
  readonly body: string;
  readonly receive_count: number;
  readonly first_failure_at: Date | null;
  readonly last_failure_at: Date | null;
  readonly error: string | null;
  readonly dead_lettered_at: Date;
}

export interface DepthRow {
  readonly priority: Priority;
  readonly visible: number;
  readonly delayed: number;
  readonly in_flight: number;
  readonly dead_letters: number;
}

export function toReceived(rows: readonly ReceiveRow[]): ReceivedMessage[] {
  const received: ReceivedMessage[] = [];
  for (const row of rows) {
    if (row.id === null) continue; // the row that only carries the dead-letter count
    received.push({
      id: row.id,
      priority: row.priority,
      body: row.body,
      receipt: encodeReceipt(row.id, row.receipt),
      receiveCount: row.receive_count,
      sentAt: row.sent_at,
    });
  }
  return received;
}

export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    priority: row.priority,
    body: row.body,
    receiveCount: row.receive_count,
    firstFailureAt: row.first_failure_at,
    lastFailureAt: row.last_failure_at,
    error: row.error,
    deadLetteredAt: row.dead_lettered_at,
  };
}

export function toDepth(rows: readonly DepthRow[]): QueueDepth {
  const empty: TierDepth = { visible: 0, delayed: 0, inFlight: 0 };
  const tiers: Record<Priority, TierDepth> = { P1: empty, P2: empty, P3: empty };
  for (const row of rows) tiers[row.priority] = { visible: row.visible, delayed: row.delayed, inFlight: row.in_flight };
  return { tiers, deadLetters: rows[0]?.dead_letters ?? 0 };
}
