import { randomUUID } from 'node:crypto';
import type {
  MessageQueue,
  OutgoingMessage,
  Priority,
  QueueDepth,
  QueueSettings,
  ReceiveOptions,
  ReceivedMessage,
  TierDepth,
} from '../../src/queue/queue.port';
import { eventually } from '../support/eventually';

/** What an adapter's spec hands the contract: an empty queue, for one test. */
export interface QueueSubject {
  /** The open queue: after reopen(), the new one. */
  readonly queue: MessageQueue;
  /** Closes `queue` and opens another on the same backing store (same database, same SQS queues). */
  reopen(): Promise<MessageQueue>;
  /** Closes whichever queue is open and frees the backing store. */
  teardown(): Promise<void>;
}

export type OpenQueueSubject = (settings: QueueSettings) => Promise<QueueSubject>;

/** A subject whose queue `open` makes, again on every reopen. */
export async function reopenableSubject(open: () => Promise<MessageQueue>): Promise<QueueSubject> {
  let queue = await open();
  return {
    get queue() {
      return queue;
    },
    reopen: async () => {
      await queue.close();
      queue = await open();
      return queue;
    },
    teardown: () => queue.close(),
  };
}

/** Whole seconds throughout: SQS has no finer visibility, delay or wait. */
export const CONTRACT_SETTINGS: QueueSettings = {
  visibilityTimeoutMs: 2000,
  maxReceiveCount: 3,
  receiveWaitMs: 0,
  retentionMs: 10 * 60 * 1000,
  deadLetterRetentionMs: 10 * 60 * 1000,
};

/** Lets timing assertions absorb poll intervals and the gap between two clocks. */
export const SLACK_MS = 150;
const POLL_MS = 100;

export const ALL_TIERS: readonly Priority[] = ['P1', 'P2', 'P3'];

export function outgoing(priority: Priority = 'P2', extra: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const id = `msg-${randomUUID()}`;
  // Non-ASCII and markup-ish characters: bodies must come back byte for byte.
  return { id, priority, body: JSON.stringify({ id, note: 'café ✓ <a&b> "q"' }), ...extra };
}

export function options(extra: Partial<ReceiveOptions> = {}): ReceiveOptions {
  return { priorities: ALL_TIERS, maxMessages: 10, waitMs: 0, ...extra };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Collected {
  readonly messages: ReceivedMessage[];
  /** When (epoch ms) the first message arrived; null if none did. */
  readonly firstAt: number | null;
}

/** Receives (without waiting server-side) until `count` messages have arrived or `timeoutMs` has passed. */
export async function collect(
  queue: MessageQueue,
  count: number,
  timeoutMs: number,
  extra: Partial<ReceiveOptions> = {},
): Promise<Collected> {
  const start = Date.now();
  const messages: ReceivedMessage[] = [];
  let firstAt: number | null = null;
  for (;;) {
    const got = await queue.receive(options(extra));
    if (got.length > 0 && firstAt === null) firstAt = Date.now();
    messages.push(...got);
    if (messages.length >= count || Date.now() - start >= timeoutMs) return { messages, firstAt };
    if (got.length === 0) await sleep(POLL_MS);
  }
}

/** Polls until a message arrives; fails the test unless exactly one does. */
export async function receiveOne(queue: MessageQueue, timeoutMs = 5000, extra: Partial<ReceiveOptions> = {}): Promise<ReceivedMessage> {
  const { messages } = await collect(queue, 1, timeoutMs, extra);
  expect(messages).toHaveLength(1);
  return messages[0];
}

/** Keeps receiving for `forMs`; everything that arrived (a test expecting silence expects []). */
export async function receivedDuring(queue: MessageQueue, forMs: number, extra: Partial<ReceiveOptions> = {}): Promise<ReceivedMessage[]> {
  const start = Date.now();
  const messages: ReceivedMessage[] = [];
  while (Date.now() - start < forMs) {
    messages.push(...(await queue.receive(options(extra))));
    await sleep(POLL_MS);
  }
  return messages;
}

const EMPTY_TIER: TierDepth = { visible: 0, delayed: 0, inFlight: 0 };

export function depthOf(tiers: Partial<Record<Priority, Partial<TierDepth>>>, deadLetters = 0): QueueDepth {
  const tier = (p: Priority): TierDepth => ({ ...EMPTY_TIER, ...tiers[p] });
  return { tiers: { P1: tier('P1'), P2: tier('P2'), P3: tier('P3') }, deadLetters };
}

/** Depth may lag on SQS (its counts are "approximate"): poll a while before comparing. */
export async function expectDepth(queue: MessageQueue, expected: QueueDepth): Promise<void> {
  await eventually(
    async () => {
      expect(await queue.depth()).toEqual(expected);
      return true;
    },
    { timeoutMs: 3000, intervalMs: POLL_MS, message: 'the queue depth' },
  );
}
