import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SqsConfig } from '../../config/queue-config';
import {
  MAX_DELAY_MS,
  MAX_MESSAGE_BYTES,
  PRIORITIES,
  type MessageQueue,
  type OutgoingMessage,
  type QueueDepth,
  type QueueSettings,
  type ReceivedMessage,
  type ReceiveOptions,
  type RedriveSelection,
  type ReleaseOptions,
  type DeadLetter,
  type TierDepth,
  type SubjectProbe,
} from '../queue.port';
import { deleteBatches, sendBatches } from './sqs-batches';
import { callSqs, isStaleReceiptError, type SqsContext, type SqsQueueKey } from './sqs-context';
import { discardDeadLetters, listDeadLetters, redriveDeadLetters, sendToDeadLetters } from './sqs-dead-letters';
import { decodeReceipt, messageAttributes } from './sqs-message-codec';
import { setUpSqsQueues } from './sqs-queue-setup';
import { receiveMessages, toVisibilitySeconds } from './sqs-receiver';
import { releaseUncounted, withoutOverCounted } from './sqs-release';

export interface OpenSqsQueueOptions {
  readonly config: SqsConfig;
  readonly settings: QueueSettings;
  /** Deadline of one SQS call (a long poll gets its wait on top). */
  readonly requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const MAX_DELAY_SECONDS = 900;

/** One standard queue per tier (`<prefix>-p1`…) and `<prefix>-dlq`, created or verified at open. */
export async function openSqsQueue(options: OpenSqsQueueOptions): Promise<MessageQueue> {
  const { config, settings } = options;
  const client = new SQSClient({
    region: config.region,
    endpoint: config.endpoint ?? undefined,
    credentials: config.credentials ?? undefined,
  });
  const base = { requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, endpoint: config.endpoint };
  try {
    const queues = await setUpSqsQueues(client, config, settings, base);
    return new SqsMessageQueue({ ...base, client, queues, settings });
  } catch (error) {
    client.destroy();
    throw error;
  }
}

class SqsMessageQueue implements MessageQueue {
  readonly kind = 'sqs' as const;
  private closed = false;

  constructor(private readonly context: SqsContext) {}

  async send(messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    messages.forEach(validateOutgoing);
    const sentAt = new Date();
    for (const priority of PRIORITIES) {
      const tier = messages.filter((message) => message.priority === priority);
      const outgoing = tier.map((message) => ({
        id: message.id,
        body: message.body,
        attributes: messageAttributes(message, sentAt),
        delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil((message.delayMs ?? 0) / 1000)),
      }));
      if (outgoing.length > 0) await sendBatches(this.context, priority, outgoing);
    }
  }

  async receive(options: ReceiveOptions): Promise<ReceivedMessage[]> {
    this.assertOpen();
    return withoutOverCounted(this.context, await receiveMessages(this.context, options));
  }

  async extendVisibility(message: ReceivedMessage, visibilityMs: number): Promise<boolean> {
    this.assertOpen();
    return this.changeVisibility(message, visibilityMs, 'extendVisibility');
  }

  async ack(messages: readonly ReceivedMessage[]): Promise<void> {
    this.assertOpen();
    const byQueue = new Map<SqsQueueKey, string[]>();
    for (const message of messages) {
      const receipt = decodeReceipt(message.receipt);
      byQueue.set(receipt.key, [...(byQueue.get(receipt.key) ?? []), receipt.handle]);
    }
    for (const [key, handles] of byQueue) await deleteBatches(this.context, key, handles);
  }

  async release(message: ReceivedMessage, delayMs: number, options: ReleaseOptions = {}): Promise<void> {
    this.assertOpen();
    if (options.countsAsAttempt === false) await releaseUncounted(this.context, message, delayMs);
    else await this.changeVisibility(message, delayMs, 'release');
  }

  deadLetter(message: ReceivedMessage, reason: string): Promise<void> {
    this.assertOpen();
    return sendToDeadLetters(this.context, message, reason);
  }

  listDeadLetters(options: { readonly limit: number; readonly after?: string }): Promise<DeadLetter[]> {
    this.assertOpen();
    return listDeadLetters(this.context, options);
  }

  redrive(selection: RedriveSelection): Promise<string[]> {
    this.assertOpen();
    return redriveDeadLetters(this.context, selection);
  }

  discardDeadLetters(ids: readonly string[]): Promise<string[]> {
    this.assertOpen();
    return discardDeadLetters(this.context, ids);
  }

  async depth(): Promise<QueueDepth> {
    this.assertOpen();
    const [P1, P2, P3, dlq] = await Promise.all((['P1', 'P2', 'P3', 'DLQ'] as const).map((key) => this.tierDepth(key)));
    return { tiers: { P1, P2, P3 }, deadLetters: dlq.visible + dlq.delayed + dlq.inFlight };
  }

  /**
   * SQS cannot list a queue: a subject "may" have messages when its tier has any waiting or
   * delayed (in-flight ones belong to workers, whose heartbeats say what they hold). Lost
   * messages of a busy tier are therefore recovered only once the tier has drained.
   */
  async mayHaveMessages(probes: readonly SubjectProbe[]): Promise<Set<string>> {
    this.assertOpen();
    const tiers = [...new Set(probes.map((probe) => probe.priority))];
    const busy = new Set<string>();
    for (const tier of tiers) {
      const depth = await this.tierDepth(tier);
      if (depth.visible + depth.delayed > 0) busy.add(tier);
    }
    return new Set(probes.filter((probe) => busy.has(probe.priority)).map((probe) => probe.subject));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.context.client.destroy();
  }

  /** False when the receipt is stale: the message was acked or redelivered under another receipt. */
  private async changeVisibility(message: ReceivedMessage, ms: number, what: string): Promise<boolean> {
    const receipt = decodeReceipt(message.receipt);
    const queue = this.context.queues[receipt.key];
    const input = { QueueUrl: queue.url, ReceiptHandle: receipt.handle, VisibilityTimeout: toVisibilitySeconds(ms) };
    try {
      await callSqs(this.context, `ChangeMessageVisibility (${what}) on ${queue.name}`, (abortSignal) =>
        this.context.client.send(new ChangeMessageVisibilityCommand(input), { abortSignal }),
      );
      return true;
    } catch (error) {
      if (isStaleReceiptError(error)) return false;
      throw error;
    }
  }

  private async tierDepth(key: SqsQueueKey): Promise<TierDepth> {
    const queue = this.context.queues[key];
    const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessagesNotVisible'] as const;
    const result = await callSqs(this.context, `GetQueueAttributes on ${queue.name}`, (abortSignal) =>
      this.context.client.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: [...names] }), { abortSignal }),
    );
    const count = (name: (typeof names)[number]): number => Number(result.Attributes?.[name] ?? 0);
    return { visible: count(names[0]), delayed: count(names[1]), inFlight: count(names[2]) };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the SQS message queue is closed');
  }
}

function validateOutgoing(message: OutgoingMessage): void {
  if (typeof message.id !== 'string' || message.id === '') throw new Error('send: every message needs a non-empty id');
  if (!PRIORITIES.includes(message.priority))
    throw new Error(`send: message ${message.id} has unknown priority ${String(message.priority)}`);
  const bytes = Buffer.byteLength(message.body, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new Error(
      `send: message ${message.id} body is ${bytes} bytes, more than the ${MAX_MESSAGE_BYTES} bytes a queue message may hold`,
    );
  }
  const delayMs = message.delayMs ?? 0;
  if (!(delayMs >= 0 && delayMs <= MAX_DELAY_MS))
    throw new Error(`send: message ${message.id} delayMs must be 0 to ${MAX_DELAY_MS}, got ${delayMs}`);
}
