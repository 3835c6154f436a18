import type { ReceivedMessage } from '../queue.port';
import { deleteBatches, sendBatches } from './sqs-batches';
import type { SqsContext } from './sqs-context';
import { sendToDeadLetters } from './sqs-dead-letters';
import { decodeReceipt, uncountedCopyAttributes } from './sqs-message-codec';

const MAX_DELAY_SECONDS = 900;

/**
 * SQS counts every receive and cannot take one back, so a delivery given back uncounted becomes
 * a fresh copy (delayed, carrying the receives counted before it) and the delivery is deleted.
 * Copy first: a crash in between leaves two copies (consumers are idempotent), never none.
 */
export async function releaseUncounted(context: SqsContext, message: ReceivedMessage, delayMs: number): Promise<void> {
  const receipt = decodeReceipt(message.receipt);
  if (receipt.key === 'DLQ') throw new Error('release: a dead letter cannot be released');
  const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
  await sendBatches(context, receipt.key, [
    { id: message.id, body: message.body, attributes: uncountedCopyAttributes(message), delaySeconds },
  ]);
  await deleteBatches(context, receipt.key, [receipt.handle]);
}

/**
 * The redrive policy counts only a copy's own receives; with those carried from before, a copy
 * can pass maxReceiveCount first. It is dead-lettered then, as the policy would have, instead of
 * being delivered.
 */
export async function withoutOverCounted(context: SqsContext, messages: readonly ReceivedMessage[]): Promise<ReceivedMessage[]> {
  const max = context.settings.maxReceiveCount;
  const kept: ReceivedMessage[] = [];
  for (const message of messages) {
    if (message.receiveCount <= max) kept.push(message);
    else await sendToDeadLetters(context, message, `maxReceiveCount (${max}) exceeded`);
  }
  return kept;
}
