import type { Priority } from '../jobs/job.events';
import { PRIORITIES } from './queue.port';

export const SUBMISSION_MESSAGE_VERSION = 1;

/** The body of a queue message: one directory submission of one job. */
export interface SubmissionMessage {
  readonly v: typeof SUBMISSION_MESSAGE_VERSION;
  readonly jobId: string;
  readonly directoryId: string;
  /** The attempt the sender expected to run; the submission stream has the last word. */
  readonly attempt: number;
  readonly priority: Priority;
  readonly correlationId: string;
  /** The event that made the dispatcher send this message. */
  readonly causationId: string;
  /** Sent for a staff retry (manual JobRequeued = causationId): reopen the submission if failed or parked. */
  readonly reopen?: true;
}

export type ParsedMessage = { readonly ok: true; readonly message: SubmissionMessage } | { readonly ok: false; readonly reason: string };

/** The queue subject of a submission's messages: lets the stall sweeper ask the queue about it. */
export function submissionSubject(jobId: string, directoryId: string): string {
  return JSON.stringify([jobId, directoryId]);
}

export function encodeSubmissionMessage(message: Omit<SubmissionMessage, 'v'>): string {
  return JSON.stringify({ v: SUBMISSION_MESSAGE_VERSION, ...message });
}

/** Never throws: a bad body is a reason to dead-letter the message, not to crash the consumer. */
export function parseSubmissionMessage(body: string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'malformed message: body is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'malformed message: body is not an object' };
  const record = value as Record<string, unknown>;
  if (record.v !== SUBMISSION_MESSAGE_VERSION) return { ok: false, reason: `unknown message version ${JSON.stringify(record.v ?? null)}` };
  for (const field of ['jobId', 'directoryId', 'correlationId', 'causationId'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '')
      return { ok: false, reason: `malformed message: ${field} must be a non-empty string` };
  }
  if (!Number.isSafeInteger(record.attempt) || (record.attempt as number) < 1)
    return { ok: false, reason: 'malformed message: attempt must be a positive integer' };
  if (!PRIORITIES.includes(record.priority as Priority)) return { ok: false, reason: 'malformed message: priority must be P1, P2 or P3' };
  if (record.reopen !== undefined && record.reopen !== true)
    return { ok: false, reason: 'malformed message: reopen must be true when present' };
  // Each field was checked above.
  const { jobId, directoryId, correlationId, causationId } = record as Record<
    'jobId' | 'directoryId' | 'correlationId' | 'causationId',
    string
  >;
  const attempt = record.attempt as number;
  const priority = record.priority as Priority;
  const reopen = record.reopen === true ? { reopen: true as const } : {};
  return {
    ok: true,
    message: { v: SUBMISSION_MESSAGE_VERSION, jobId, directoryId, attempt, priority, correlationId, causationId, ...reopen },
  };
}
