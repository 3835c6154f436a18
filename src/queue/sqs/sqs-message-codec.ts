import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { PRIORITIES, type DeadLetter, type OutgoingMessage, type Priority, type ReceivedMessage } from '../queue.port';
import { SQS_QUEUE_KEYS, type SqsQueueKey } from './sqs-context';

type Attributes = Record<string, MessageAttributeValue>;

/** Our message attributes; SQS allows 10 per message, a dead letter carries 8. */
const ID = 'id';
const PRIORITY = 'priority';
const SENT_AT = 'sentAt';
const REASON = 'deadLetterReason';
const RECEIVE_COUNT = 'receiveCount';
const FIRST_FAILURE_AT = 'firstFailureAt';
const LAST_FAILURE_AT = 'lastFailureAt';
const DEAD_LETTERED_AT = 'deadLetteredAt';
/** On a copy that stands for a delivery given back uncounted: the receives counted before it. */
const RECEIVES_BEFORE = 'receivesBefore';
/** A long reason would eat into the message size budget. */
const MAX_REASON_CHARS = 2000;

export interface DeadLetterFacts {
  readonly reason: string;
  readonly receiveCount: number;
  readonly firstFailureAt: Date | null;
  readonly lastFailureAt: Date;
  readonly deadLetteredAt: Date;
}

export function messageAttributes(message: Pick<OutgoingMessage, 'id' | 'priority'>, sentAt: Date): Attributes {
  return { [ID]: text(message.id), [PRIORITY]: text(message.priority), [SENT_AT]: text(sentAt.toISOString()) };
}

/**
 * A fresh copy of a received message (SQS cannot take a receive back): same id, tier and send
 * time, carrying the receives counted before this delivery.
 */
export function uncountedCopyAttributes(message: Pick<ReceivedMessage, 'id' | 'priority' | 'sentAt' | 'receiveCount'>): Attributes {
  const before = Math.max(0, message.receiveCount - 1);
  const attributes = messageAttributes(message, message.sentAt);
  if (before > 0) attributes[RECEIVES_BEFORE] = { DataType: 'Number', StringValue: String(before) };
  return attributes;
}

export function deadLetterAttributes(message: Pick<ReceivedMessage, 'id' | 'priority' | 'sentAt'>, facts: DeadLetterFacts): Attributes {
  const attributes: Attributes = {
    ...messageAttributes(message, message.sentAt),
    [REASON]: text(facts.reason.slice(0, MAX_REASON_CHARS) || '(no reason given)'),
    [RECEIVE_COUNT]: { DataType: 'Number', StringValue: String(facts.receiveCount) },
    [LAST_FAILURE_AT]: text(facts.lastFailureAt.toISOString()),
    [DEAD_LETTERED_AT]: text(facts.deadLetteredAt.toISOString()),
  };
  if (facts.firstFailureAt) attributes[FIRST_FAILURE_AT] = text(facts.firstFailureAt.toISOString());
  return attributes;
}

/** Was this dead letter sent by us (with a reason), rather than moved by SQS's redrive policy? */
export function hasDeadLetterFacts(message: Message): boolean {
  return attributeText(message.MessageAttributes ?? {}, REASON) !== null;
}

/**
 * The facts SQS does not keep for a message its redrive policy moved: it does not say when it
 * moved it, so `seenAt` (when we first found it in the DLQ) stands in as an upper bound.
 */
export function policyDeadLetterAttributes(message: Message, maxReceiveCount: number, seenAt: Date): Attributes {
  const attributes = message.MessageAttributes ?? {};
  const base = {
    id: attributeText(attributes, ID) ?? message.MessageId ?? '',
    priority: priorityOf(attributes) ?? 'P3',
    sentAt: attributeDate(attributes, SENT_AT) ?? systemDate(message, 'SentTimestamp') ?? seenAt,
  };
  return deadLetterAttributes(base, {
    reason: `maxReceiveCount (${maxReceiveCount}) exceeded`,
    receiveCount: maxReceiveCount,
    firstFailureAt: systemDate(message, 'ApproximateFirstReceiveTimestamp'),
    lastFailureAt: seenAt,
    deadLetteredAt: seenAt,
  });
}

/** The byte count SQS charges a message: body plus each attribute's name, type and value. */
export function sqsMessageBytes(body: string, attributes: Attributes): number {
  let bytes = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes)) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? '');
  }
  return bytes;
}

export function toReceivedMessage(key: Priority, message: Message): ReceivedMessage {
  const attributes = message.MessageAttributes ?? {};
  return {
    id: attributeText(attributes, ID) ?? message.MessageId ?? '',
    priority: priorityOf(attributes) ?? key,
    body: message.Body ?? '',
    receipt: encodeReceipt(key, message),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1) + Number(attributeText(attributes, RECEIVES_BEFORE) ?? 0),
    sentAt: attributeDate(attributes, SENT_AT) ?? systemDate(message, 'SentTimestamp') ?? new Date(0),
  };
}

/** A dead letter as listed; one without our facts (see policyDeadLetterAttributes) gets SQS's own. */
export function toDeadLetter(message: Message, maxReceiveCount: number): DeadLetter {
  const attributes = message.MessageAttributes ?? {};
  const storedCount = attributeText(attributes, RECEIVE_COUNT);
  return {
    id: attributeText(attributes, ID) ?? message.MessageId ?? '',
    priority: priorityOf(attributes) ?? 'P3',
    body: message.Body ?? '',
    receiveCount: storedCount === null ? maxReceiveCount : Number(storedCount),
    firstFailureAt: attributeDate(attributes, FIRST_FAILURE_AT) ?? systemDate(message, 'ApproximateFirstReceiveTimestamp'),
    lastFailureAt: attributeDate(attributes, LAST_FAILURE_AT),
    error: attributeText(attributes, REASON) ?? `maxReceiveCount (${maxReceiveCount}) exceeded`,
    deadLetteredAt: attributeDate(attributes, DEAD_LETTERED_AT) ?? systemDate(message, 'SentTimestamp') ?? new Date(0),
  };
}

/** For a redrive: our id, tier and original send time, without the dead-letter facts. */
export function redriveAttributes(message: Message): { priority: Priority; attributes: Attributes } {
  const attributes = message.MessageAttributes ?? {};
  const priority = priorityOf(attributes) ?? 'P3';
  const id = attributeText(attributes, ID) ?? message.MessageId ?? '';
  const sentAt = attributeDate(attributes, SENT_AT) ?? new Date();
  return { priority, attributes: messageAttributes({ id, priority }, sentAt) };
}

export function deadLetterId(message: Message): string {
  return attributeText(message.MessageAttributes ?? {}, ID) ?? message.MessageId ?? '';
}

/** Opaque to callers: the queue, the first receive time (for dead letters) and SQS's handle. */
export interface DecodedReceipt {
  readonly key: SqsQueueKey;
  readonly firstReceivedAt: Date | null;
  readonly handle: string;
}

function encodeReceipt(key: SqsQueueKey, message: Message): string {
  const first = message.Attributes?.ApproximateFirstReceiveTimestamp ?? '';
  return `${key}:${first}:${message.ReceiptHandle ?? ''}`;
}

export function decodeReceipt(receipt: string): DecodedReceipt {
  const match = /^(P1|P2|P3|DLQ):(\d*):(.+)$/s.exec(receipt);
  if (!match || !SQS_QUEUE_KEYS.includes(match[1] as SqsQueueKey)) {
    throw new Error('not a receipt of the SQS queue adapter (was this message received from another queue?)');
  }
  return { key: match[1] as SqsQueueKey, firstReceivedAt: match[2] ? new Date(Number(match[2])) : null, handle: match[3] };
}

function text(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

function attributeText(attributes: Attributes, name: string): string | null {
  return attributes[name]?.StringValue ?? null;
}

function attributeDate(attributes: Attributes, name: string): Date | null {
  const value = attributeText(attributes, name);
  const date = value === null ? null : new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

function priorityOf(attributes: Attributes): Priority | null {
  const value = attributeText(attributes, PRIORITY);
  return PRIORITIES.includes(value as Priority) ? (value as Priority) : null;
}

function systemDate(message: Message, name: 'SentTimestamp' | 'ApproximateFirstReceiveTimestamp'): Date | null {
  const value = message.Attributes?.[name];
  return value ? new Date(Number(value)) : null;
}
