import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Priority, QueueSettings } from '../queue.port';

/** A tier's queue or the dead-letter queue. */
export type SqsQueueKey = Priority | 'DLQ';
export const SQS_QUEUE_KEYS: readonly SqsQueueKey[] = ['P1', 'P2', 'P3', 'DLQ'];

export interface SqsQueueRef {
  readonly name: string;
  readonly url: string;
}

export interface SqsContext {
  readonly client: SQSClient;
  readonly queues: Readonly<Record<SqsQueueKey, SqsQueueRef>>;
  readonly settings: QueueSettings;
  /** Every call gets an answer within this (plus a long poll's wait), or fails. */
  readonly requestTimeoutMs: number;
  readonly endpoint: string | null;
}

export const SQS_STALE_RECEIPT_ERRORS: readonly string[] = ['ReceiptHandleIsInvalid', 'MessageNotInflight'];

/**
 * One SQS call with a deadline and a clear error. Without the deadline a stopped backend (accepting
 * connections, answering nothing) would hang the caller forever.
 */
export async function callSqs<T>(
  context: Pick<SqsContext, 'requestTimeoutMs' | 'endpoint'>,
  what: string,
  send: (abortSignal: AbortSignal) => Promise<T>,
  extraWaitMs = 0,
): Promise<T> {
  const timeoutMs = context.requestTimeoutMs + extraWaitMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await send(signal);
  } catch (error) {
    const where = context.endpoint ?? 'the regional SQS endpoint';
    if (signal.aborted) throw new Error(`SQS ${what}: no answer from ${where} within ${timeoutMs} ms`, { cause: error });
    throw new Error(`SQS ${what} failed: ${describeError(error)}`, { cause: error });
  }
}

/** The SQS error name (QueueDoesNotExist, ReceiptHandleIsInvalid…) of an error wrapped by callSqs. */
export function sqsErrorName(error: unknown): string | null {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return inner instanceof Error ? inner.name : null;
}

export function isStaleReceiptError(error: unknown): boolean {
  const name = sqsErrorName(error);
  if (name !== null && SQS_STALE_RECEIPT_ERRORS.includes(name)) return true;
  // Real SQS reports an expired receipt handle as InvalidParameterValue.
  return name === 'InvalidParameterValue' && /receipt handle/i.test(String((error as Error).message));
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: string }).code;
  return `${error.name}${code && code !== error.name ? ` (${code})` : ''}: ${error.message}`;
}
