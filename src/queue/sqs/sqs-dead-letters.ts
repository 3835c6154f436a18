import type { Message } from '@aws-sdk/client-sqs';
import { PRIORITIES, type DeadLetter, type Priority, type ReceivedMessage, type RedriveSelection } from '../queue.port';
import { changeVisibilityBatches, deleteBatches, sendBatches, type SqsOutgoing } from './sqs-batches';
import type { SqsContext } from './sqs-context';
import {
  deadLetterAttributes,
  deadLetterId,
  decodeReceipt,
  hasDeadLetterFacts,
  policyDeadLetterAttributes,
  redriveAttributes,
  toDeadLetter,
} from './sqs-message-codec';
import { receiveRaw } from './sqs-receiver';

/**
 * SQS cannot read a queue without receiving from it: a listing is a receive of the whole DLQ with
 * this visibility, undone at the end. While it lasts, a concurrent listing or redrive sees none
 * of the peeked messages (and a short poll on real SQS may miss a few). It also bumps their
 * ApproximateReceiveCount, which is why we report the count stored when they were dead-lettered.
 */
const PEEK_VISIBILITY_SECONDS = 30;
/** A guard against a DLQ too large to list by peeking. */
const MAX_PEEKED = 10_000;

export async function sendToDeadLetters(context: SqsContext, message: ReceivedMessage, reason: string): Promise<void> {
  const receipt = decodeReceipt(message.receipt);
  const now = new Date();
  const attributes = deadLetterAttributes(message, {
    reason,
    receiveCount: message.receiveCount,
    firstFailureAt: receipt.firstReceivedAt,
    lastFailureAt: now,
    deadLetteredAt: now,
  });
  await sendBatches(context, 'DLQ', [{ id: message.id, body: message.body, attributes, delaySeconds: 0 }]);
  await deleteBatches(context, receipt.key, [receipt.handle]);
}

export async function listDeadLetters(
  context: SqsContext,
  options: { readonly limit: number; readonly after?: string },
): Promise<DeadLetter[]> {
  const peeked = await peekDeadLetters(context);
  try {
    const letters = uniqueById(peeked.map((message) => toDeadLetter(message, context.settings.maxReceiveCount)));
    letters.sort((a, b) => a.deadLetteredAt.getTime() - b.deadLetteredAt.getTime() || a.id.localeCompare(b.id));
    const start = options.after === undefined ? 0 : letters.findIndex((letter) => letter.id === options.after) + 1;
    // An `after` that has since gone (redriven, discarded) cannot be placed: an empty page ends the paging.
    if (start === 0 && options.after !== undefined) return [];
    return letters.slice(start, start + Math.max(0, options.limit));
  } finally {
    await unpeek(context, peeked);
  }
}

export async function redriveDeadLetters(context: SqsContext, selection: RedriveSelection): Promise<string[]> {
  return takeDeadLetters(context, 'ids' in selection ? selection.ids : null, async (taken) => {
    for (const priority of PRIORITIES) {
      const tierMessages = taken.map(redriveOf).filter((message) => message.priority === priority);
      await sendBatches(context, priority, tierMessages);
    }
  });
}

export async function discardDeadLetters(context: SqsContext, ids: readonly string[]): Promise<string[]> {
  return takeDeadLetters(context, ids, async () => undefined);
}

/** Peeks the DLQ, hands the selected letters (one per id) to `use`, then deletes every copy of them. */
async function takeDeadLetters(
  context: SqsContext,
  ids: readonly string[] | null,
  use: (taken: Message[]) => Promise<void>,
): Promise<string[]> {
  const peeked = await peekDeadLetters(context);
  const wanted = ids === null ? null : new Set(ids);
  const selected = peeked.filter((message) => wanted === null || wanted.has(deadLetterId(message)));
  const rest = peeked.filter((message) => !selected.includes(message));
  try {
    const firsts = uniqueMessagesById(selected);
    await use(firsts);
    await deleteBatches(
      context,
      'DLQ',
      selected.map((message) => message.ReceiptHandle ?? ''),
    );
    return firsts.map(deadLetterId);
  } finally {
    await unpeek(context, rest);
  }
}

function redriveOf(message: Message): SqsOutgoing & { readonly priority: Priority } {
  const { priority, attributes } = redriveAttributes(message);
  return { id: deadLetterId(message), priority, body: message.Body ?? '', attributes, delaySeconds: 0 };
}

async function peekDeadLetters(context: SqsContext): Promise<Message[]> {
  const seen = new Map<string, Message>();
  while (seen.size < MAX_PEEKED) {
    const batch = await receiveRaw(context, 'DLQ', { max: 10, waitSeconds: 0, visibilitySeconds: PEEK_VISIBILITY_SECONDS });
    if (batch.length === 0) break;
    for (const message of batch) {
      if (hasDeadLetterFacts(message)) seen.set(message.MessageId ?? message.ReceiptHandle ?? '', message);
      else await recordPolicyDeadLetter(context, message);
    }
  }
  return [...seen.values()];
}

/**
 * Replaces a message moved by the redrive policy with a copy carrying the facts SQS does not keep,
 * so that later listings report the same times. The copy is visible: this peek receives it later.
 */
async function recordPolicyDeadLetter(context: SqsContext, message: Message): Promise<void> {
  const attributes = policyDeadLetterAttributes(message, context.settings.maxReceiveCount, new Date());
  await sendBatches(context, 'DLQ', [{ id: deadLetterId(message), body: message.Body ?? '', attributes, delaySeconds: 0 }]);
  await deleteBatches(context, 'DLQ', [message.ReceiptHandle ?? '']);
}

async function unpeek(context: SqsContext, messages: readonly Message[]): Promise<void> {
  await changeVisibilityBatches(
    context,
    'DLQ',
    messages.map((message) => message.ReceiptHandle ?? ''),
    0,
  );
}

function uniqueById(letters: readonly DeadLetter[]): DeadLetter[] {
  const byId = new Map<string, DeadLetter>();
  for (const letter of letters) {
    const kept = byId.get(letter.id);
    if (!kept || letter.deadLetteredAt < kept.deadLetteredAt) byId.set(letter.id, letter);
  }
  return [...byId.values()];
}

function uniqueMessagesById(messages: readonly Message[]): Message[] {
  const byId = new Map<string, Message>();
  for (const message of messages) if (!byId.has(deadLetterId(message))) byId.set(deadLetterId(message), message);
  return [...byId.values()];
}
