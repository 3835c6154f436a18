import {
  MAX_BATCH_SIZE,
  MAX_DELAY_MS,
  MAX_MESSAGE_BYTES,
  PRIORITIES,
  type OutgoingMessage,
  type Priority,
  type QueueSettings,
  type ReceiveOptions,
  type RedriveSelection,
  type SubjectProbe,
} from '../queue.port';
import { isList } from '../../shared/is-list';

/** SQS's limits, so that code that works on one adapter works on the other. */
export const MAX_VISIBILITY_MS = 12 * 60 * 60 * 1000;
export const MAX_WAIT_MS = 20 * 1000;
export const MAX_ID_LENGTH = 256;
export const MAX_DEAD_LETTER_PAGE = 1000;

export interface ValidReceive {
  readonly priorities: Priority[];
  readonly maxMessages: number;
  readonly waitMs: number;
  readonly visibilityMs: number;
}

export function checkMilliseconds(value: unknown, name: string, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new Error(`${name} must be a number of milliseconds from 0 to ${max}, got ${String(value)}`);
  }
  return Math.ceil(value);
}

/** Checks every message before any is sent: a bad batch stores nothing. */
export function checkOutgoing(messages: readonly OutgoingMessage[]): void {
  if (!isList(messages)) throw new Error('send takes an array of messages');
  for (const message of messages) {
    const { id, priority, body } = message ?? ({} as OutgoingMessage);
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes('\0')) {
      throw new Error(`message id must be a non-empty string of at most ${MAX_ID_LENGTH} characters, got ${JSON.stringify(id)}`);
    }
    if (!PRIORITIES.includes(priority))
      throw new Error(`message ${id}: priority must be one of ${PRIORITIES.join(', ')}, got ${JSON.stringify(priority)}`);
    if (typeof body !== 'string') throw new Error(`message ${id}: body must be a string`);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > MAX_MESSAGE_BYTES) throw new Error(`message ${id} is too large: ${bytes} bytes, at most ${MAX_MESSAGE_BYTES} (256 KiB)`);
    // PostgreSQL text cannot hold NUL; refuse clearly instead of failing the whole batch in SQL.
    if (body.includes('\0')) throw new Error(`message ${id}: body must not contain NUL characters`);
    if (message.delayMs !== undefined) checkMilliseconds(message.delayMs, `message ${id}: delayMs`, MAX_DELAY_MS);
    if (message.subject !== undefined && (typeof message.subject !== 'string' || message.subject.includes('\0'))) {
      throw new Error(`message ${id}: subject must be a string without NUL characters`);
    }
  }
}

/** The distinct subjects of a mayHaveMessages call. */
export function checkProbes(probes: readonly SubjectProbe[]): string[] {
  if (!isList(probes)) throw new Error('mayHaveMessages takes an array of subjects');
  for (const probe of probes) {
    if (typeof probe?.subject !== 'string' || probe.subject.includes('\0'))
      throw new Error('mayHaveMessages: subject must be a string without NUL characters');
    if (!PRIORITIES.includes(probe.priority)) throw new Error(`mayHaveMessages: priority must be one of ${PRIORITIES.join(', ')}`);
  }
  return [...new Set(probes.map((probe) => probe.subject))];
}

export function checkReceive(options: ReceiveOptions, defaultVisibilityMs: number): ValidReceive {
  const { priorities, maxMessages, waitMs, visibilityMs } = options ?? ({} as ReceiveOptions);
  if (!isList(priorities) || priorities.length === 0 || priorities.some((p) => !PRIORITIES.includes(p))) {
    throw new Error(`receive: priorities must be a non-empty list of ${PRIORITIES.join(', ')}`);
  }
  if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > MAX_BATCH_SIZE) {
    throw new Error(`receive: maxMessages must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${String(maxMessages)}`);
  }
  return {
    priorities: [...new Set(priorities)],
    maxMessages,
    waitMs: checkMilliseconds(waitMs ?? 0, 'receive: waitMs', MAX_WAIT_MS),
    visibilityMs: checkMilliseconds(visibilityMs ?? defaultVisibilityMs, 'receive: visibilityMs', MAX_VISIBILITY_MS),
  };
}

export function checkDeadLetterPage(options: { readonly limit: number; readonly after?: string }): { limit: number; after: string | null } {
  const { limit, after } = options ?? { limit: undefined };
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_DEAD_LETTER_PAGE) {
    throw new Error(`listDeadLetters: limit must be an integer from 1 to ${MAX_DEAD_LETTER_PAGE}, got ${String(limit)}`);
  }
  if (after !== undefined && typeof after !== 'string') throw new Error('listDeadLetters: after must be a message id');
  return { limit, after: after ?? null };
}

/** Null means every dead letter. */
export function checkRedrive(selection: RedriveSelection): string[] | null {
  if (selection && 'all' in selection && selection.all === true) return null;
  if (selection && 'ids' in selection) return checkIds(selection.ids, 'redrive: ids');
  throw new Error('redrive takes { ids: string[] } or { all: true }');
}

export function checkIds(ids: readonly string[], name: string): string[] {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new Error(`${name} must be an array of message ids`);
  return [...new Set(ids)];
}

export function checkSettings(settings: QueueSettings): void {
  checkMilliseconds(settings?.visibilityTimeoutMs, 'queue settings: visibilityTimeoutMs', MAX_VISIBILITY_MS);
  if (!Number.isInteger(settings.maxReceiveCount) || settings.maxReceiveCount < 1) {
    throw new Error(`queue settings: maxReceiveCount must be a positive integer, got ${String(settings.maxReceiveCount)}`);
  }
  for (const name of ['retentionMs', 'deadLetterRetentionMs'] as const) {
    if (!(settings[name] > 0) || !Number.isFinite(settings[name]))
      throw new Error(`queue settings: ${name} must be a positive number of milliseconds`);
  }
}
