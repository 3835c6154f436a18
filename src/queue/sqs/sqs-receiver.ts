import { ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { MAX_BATCH_SIZE, PRIORITIES, type Priority, type ReceivedMessage, type ReceiveOptions } from '../queue.port';
import { callSqs, type SqsContext, type SqsQueueKey } from './sqs-context';
import { toReceivedMessage } from './sqs-message-codec';

export interface ReceiveCall {
  readonly max: number;
  readonly waitSeconds: number;
  readonly visibilitySeconds?: number;
}

/** SQS's longest long poll; one tier waits this long at most per call. */
const MAX_WAIT_SECONDS = 20;
/**
 * With several tiers and nothing visible, the most preferred tier is long-polled in rounds of
 * this many seconds and the others are short-polled between rounds. Polling all tiers at once
 * would make a message on the preferred tier wait for the others' empty polls to end (measured:
 * p50 0.5 s instead of 1.5 ms), and aborting those polls is not safe: an aborted long poll can
 * still take a message (fauxqs keeps waiting server-side), which would then stay hidden for a
 * whole visibility timeout. Short rounds bound the latency of the other tiers to about a second.
 */
const ROUND_SECONDS = 1;
export const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

export function toVisibilitySeconds(ms: number): number {
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(ms / 1000)));
}

export async function receiveMessages(context: SqsContext, options: ReceiveOptions): Promise<ReceivedMessage[]> {
  validate(options);
  const visibilitySeconds = options.visibilityMs === undefined ? undefined : toVisibilitySeconds(options.visibilityMs);
  const shortPass = (): Promise<ReceivedMessage[]> => firstNonEmpty(context, options.priorities, options.maxMessages, visibilitySeconds);
  const found = await shortPass();
  if (found.length > 0 || options.waitMs <= 0) return found;
  const deadline = Date.now() + options.waitMs;
  for (let remaining = options.waitMs; remaining > 0; remaining = deadline - Date.now()) {
    // WaitTimeSeconds is whole seconds: a shorter remainder is slept, then looked at once more.
    if (remaining < 1000) {
      await new Promise((resolve) => setTimeout(resolve, remaining));
      return shortPass();
    }
    const single = options.priorities.length === 1;
    const seconds = single ? Math.min(MAX_WAIT_SECONDS, Math.floor(remaining / 1000)) : ROUND_SECONDS;
    const preferred = options.priorities[0];
    const polled = await receiveFrom(context, preferred, { max: options.maxMessages, waitSeconds: seconds, visibilitySeconds });
    if (polled.length > 0) return topUp(context, preferred, polled, options.maxMessages, visibilitySeconds);
    if (!single) {
      const caught = await shortPass();
      if (caught.length > 0) return caught;
    }
  }
  return [];
}

async function firstNonEmpty(
  context: SqsContext,
  tiers: readonly Priority[],
  max: number,
  visibilitySeconds?: number,
): Promise<ReceivedMessage[]> {
  for (const tier of tiers) {
    const found = await topUp(context, tier, [], max, visibilitySeconds);
    if (found.length > 0) return found;
  }
  return [];
}

/** fauxqs (and a short poll on SQS) may return fewer than asked while more are visible: ask again. */
async function topUp(
  context: SqsContext,
  tier: Priority,
  got: ReceivedMessage[],
  max: number,
  visibilitySeconds?: number,
): Promise<ReceivedMessage[]> {
  const all = [...got];
  while (all.length < max) {
    const more = await receiveFrom(context, tier, { max: max - all.length, waitSeconds: 0, visibilitySeconds });
    if (more.length === 0) break;
    all.push(...more);
  }
  return all;
}

async function receiveFrom(context: SqsContext, tier: Priority, call: ReceiveCall): Promise<ReceivedMessage[]> {
  const messages = await receiveRaw(context, tier, call);
  return messages.map((message) => toReceivedMessage(tier, message));
}

export async function receiveRaw(context: SqsContext, key: SqsQueueKey, call: ReceiveCall): Promise<Message[]> {
  const queue = context.queues[key];
  const input = {
    QueueUrl: queue.url,
    MaxNumberOfMessages: Math.min(MAX_BATCH_SIZE, call.max),
    WaitTimeSeconds: call.waitSeconds,
    VisibilityTimeout: call.visibilitySeconds,
    MessageSystemAttributeNames: [
      'ApproximateReceiveCount' as const,
      'SentTimestamp' as const,
      'ApproximateFirstReceiveTimestamp' as const,
    ],
    MessageAttributeNames: ['All'],
  };
  const result = await callSqs(
    context,
    `ReceiveMessage from ${queue.name}`,
    (abortSignal) => context.client.send(new ReceiveMessageCommand(input), { abortSignal }),
    call.waitSeconds * 1000,
  );
  return result.Messages ?? [];
}

function validate(options: ReceiveOptions): void {
  if (!Number.isInteger(options.maxMessages) || options.maxMessages < 1 || options.maxMessages > MAX_BATCH_SIZE) {
    throw new Error(`receive: maxMessages must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${options.maxMessages}`);
  }
  if (options.priorities.length === 0) throw new Error('receive: priorities must name at least one tier');
  const unknown = options.priorities.filter((tier) => !PRIORITIES.includes(tier));
  if (unknown.length > 0) throw new Error(`receive: unknown priority ${unknown.join(', ')}`);
  if (!(options.waitMs >= 0)) throw new Error(`receive: waitMs must be 0 or more, got ${options.waitMs}`);
}
