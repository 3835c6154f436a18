import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  type BatchResultErrorEntry,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { MAX_BATCH_SIZE } from '../queue.port';
import { callSqs, SQS_STALE_RECEIPT_ERRORS, type SqsContext, type SqsQueueKey } from './sqs-context';
import { sqsMessageBytes } from './sqs-message-codec';

/** SQS caps a batch request's payload (all entries together) at 1 MiB. */
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface SqsOutgoing {
  readonly id: string;
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  readonly delaySeconds: number;
}

/** Consecutive chunks of at most MAX_BATCH_SIZE entries and MAX_BATCH_BYTES payload, order kept. */
export function chunkForBatches<T>(items: readonly T[], bytesOf: (item: T) => number = () => 0): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = bytesOf(item);
    if (current.length === MAX_BATCH_SIZE || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export async function sendBatches(context: SqsContext, key: SqsQueueKey, messages: readonly SqsOutgoing[]): Promise<void> {
  const queue = context.queues[key];
  for (const chunk of chunkForBatches(messages, (message) => sqsMessageBytes(message.body, message.attributes))) {
    const entries = chunk.map((message, index) => ({
      Id: `m${index}`,
      MessageBody: message.body,
      MessageAttributes: message.attributes,
      DelaySeconds: message.delaySeconds,
    }));
    const result = await callSqs(context, `SendMessageBatch to ${queue.name}`, (abortSignal) =>
      context.client.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }), { abortSignal }),
    );
    const failed = result.Failed ?? [];
    if (failed.length > 0) {
      const names = failed.map((entry) => `${chunk[Number(entry.Id?.slice(1))]?.id ?? entry.Id} (${entryError(entry)})`);
      throw new Error(`SQS SendMessageBatch to ${queue.name} rejected ${failed.length} of ${chunk.length} message(s): ${names.join('; ')}`);
    }
  }
}

/** Deletes by receipt handle; stale handles are skipped (another delivery owns the message). */
export async function deleteBatches(context: SqsContext, key: SqsQueueKey, handles: readonly string[]): Promise<void> {
  const queue = context.queues[key];
  for (const chunk of chunkForBatches(handles)) {
    const entries = chunk.map((handle, index) => ({ Id: `m${index}`, ReceiptHandle: handle }));
    const result = await callSqs(context, `DeleteMessageBatch on ${queue.name}`, (abortSignal) =>
      context.client.send(new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: entries }), { abortSignal }),
    );
    throwUnlessStale(`DeleteMessageBatch on ${queue.name}`, result.Failed ?? []);
  }
}

/** Visibility for many handles at once; stale handles are skipped. */
export async function changeVisibilityBatches(
  context: SqsContext,
  key: SqsQueueKey,
  handles: readonly string[],
  seconds: number,
): Promise<void> {
  const queue = context.queues[key];
  for (const chunk of chunkForBatches(handles)) {
    const entries = chunk.map((handle, index) => ({ Id: `m${index}`, ReceiptHandle: handle, VisibilityTimeout: seconds }));
    const result = await callSqs(context, `ChangeMessageVisibilityBatch on ${queue.name}`, (abortSignal) =>
      context.client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queue.url, Entries: entries }), { abortSignal }),
    );
    throwUnlessStale(`ChangeMessageVisibilityBatch on ${queue.name}`, result.Failed ?? []);
  }
}

function throwUnlessStale(what: string, failed: readonly BatchResultErrorEntry[]): void {
  const real = failed.filter(
    (entry) => !SQS_STALE_RECEIPT_ERRORS.includes(entry.Code ?? '') && !/receipt handle/i.test(entry.Message ?? ''),
  );
  if (real.length > 0) throw new Error(`SQS ${what} failed for ${real.length} entr(ies): ${real.map(entryError).join('; ')}`);
}

function entryError(entry: BatchResultErrorEntry): string {
  return `${entry.Code ?? 'unknown error'}: ${entry.Message ?? 'no message'}`;
}
