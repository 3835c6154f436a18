import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SqsConfig } from '../../config/queue-config';
import type { QueueSettings } from '../queue.port';
import { callSqs, sqsErrorName, SQS_QUEUE_KEYS, type SqsContext, type SqsQueueKey, type SqsQueueRef } from './sqs-context';

type CallContext = Pick<SqsContext, 'requestTimeoutMs' | 'endpoint'>;
const MAX_WAIT_SECONDS = 20;

export function sqsQueueName(prefix: string, key: SqsQueueKey): string {
  return `${prefix}-${key.toLowerCase()}`;
}

/**
 * Creates the four queues (or, with createQueues off, only checks they exist). Creating without
 * attributes and then setting them keeps boot idempotent even when an older deployment made the
 * queue with other values (CreateQueue with differing attributes fails with QueueNameExists).
 */
export async function setUpSqsQueues(
  client: SQSClient,
  config: SqsConfig,
  settings: QueueSettings,
  context: CallContext,
): Promise<Record<SqsQueueKey, SqsQueueRef>> {
  const names = Object.fromEntries(SQS_QUEUE_KEYS.map((key) => [key, sqsQueueName(config.queuePrefix, key)])) as Record<
    SqsQueueKey,
    string
  >;
  if (!config.createQueues) return verifyQueues(client, names, context);
  const dlq = await createQueue(client, names.DLQ, baseAttributes(settings, settings.deadLetterRetentionMs), context);
  const dlqArn = await queueArn(client, dlq, context);
  const redrivePolicy = JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: settings.maxReceiveCount });
  const tierAttributes = { ...baseAttributes(settings, settings.retentionMs), RedrivePolicy: redrivePolicy };
  const [P1, P2, P3] = await Promise.all(
    (['P1', 'P2', 'P3'] as const).map((key) => createQueue(client, names[key], tierAttributes, context)),
  );
  return { P1, P2, P3, DLQ: dlq };
}

function baseAttributes(settings: QueueSettings, retentionMs: number): Record<string, string> {
  return {
    VisibilityTimeout: String(Math.ceil(settings.visibilityTimeoutMs / 1000)),
    ReceiveMessageWaitTimeSeconds: String(Math.min(MAX_WAIT_SECONDS, Math.ceil(settings.receiveWaitMs / 1000))),
    MessageRetentionPeriod: String(Math.ceil(retentionMs / 1000)),
  };
}

async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
  context: CallContext,
): Promise<SqsQueueRef> {
  const created = await callSqs(context, `CreateQueue ${name}`, (abortSignal) =>
    client.send(new CreateQueueCommand({ QueueName: name }), { abortSignal }),
  );
  const url = created.QueueUrl;
  if (!url) throw new Error(`SQS CreateQueue ${name} returned no queue URL`);
  await callSqs(context, `SetQueueAttributes ${name}`, (abortSignal) =>
    client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }), { abortSignal }),
  );
  return { name, url };
}

async function queueArn(client: SQSClient, queue: SqsQueueRef, context: CallContext): Promise<string> {
  const result = await callSqs(context, `GetQueueAttributes ${queue.name}`, (abortSignal) =>
    client.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }), { abortSignal }),
  );
  const arn = result.Attributes?.QueueArn;
  if (!arn) throw new Error(`SQS GetQueueAttributes ${queue.name} returned no QueueArn`);
  return arn;
}

async function verifyQueues(
  client: SQSClient,
  names: Record<SqsQueueKey, string>,
  context: CallContext,
): Promise<Record<SqsQueueKey, SqsQueueRef>> {
  const refs = await Promise.all(SQS_QUEUE_KEYS.map((key) => findQueue(client, names[key], context)));
  const missing = refs.filter((ref) => ref.url === null).map((ref) => ref.name);
  if (missing.length > 0) {
    throw new Error(
      `SQS queue(s) missing: ${missing.join(', ')}. SQS_CREATE_QUEUES is false, so they must exist already: create them, or set SQS_CREATE_QUEUES=true`,
    );
  }
  const [P1, P2, P3, DLQ] = refs.map((ref) => ({ name: ref.name, url: ref.url as string }));
  return { P1, P2, P3, DLQ };
}

async function findQueue(client: SQSClient, name: string, context: CallContext): Promise<{ name: string; url: string | null }> {
  try {
    const result = await callSqs(context, `GetQueueUrl ${name}`, (abortSignal) =>
      client.send(new GetQueueUrlCommand({ QueueName: name }), { abortSignal }),
    );
    return { name, url: result.QueueUrl ?? null };
  } catch (error) {
    if (sqsErrorName(error) === 'QueueDoesNotExist') return { name, url: null };
    throw error;
  }
}
