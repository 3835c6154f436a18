import { inspect } from 'node:util';

export interface EventuallyOptions {
  /** How long to keep trying before failing the test. */
  readonly timeoutMs?: number;
  /** Pause between two tries. */
  readonly intervalMs?: number;
  /** What is awaited, for the failure message (the check's source text when not given). */
  readonly message?: string;
}

type Settled<T> = Exclude<T, false | null | undefined>;

/**
 * Polls `check` until it returns something other than `false`, `null` or `undefined`, and returns
 * that. A check that throws is tried again: its error is only the last thing seen. Read models,
 * queues and child processes trail what a test just did by a moment, so tests wait for the state
 * they expect rather than for a fixed time.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Settled<T>> {
  const { timeoutMs = 10_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: { readonly value: unknown } | { readonly error: unknown };
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== null && value !== undefined) return value as Settled<T>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) throw new Error(timeoutMessage(check, options.message, timeoutMs, last));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function timeoutMessage(
  check: () => unknown,
  message: string | undefined,
  timeoutMs: number,
  last: { value: unknown } | { error: unknown },
): string {
  const what = message ?? check.toString().replace(/\s+/g, ' ').slice(0, 300);
  const seen =
    'error' in last
      ? `last error: ${describeError(last.error)}`
      : `last value: ${inspect(last.value, { depth: 4, breakLength: Infinity })}`;
  return `Timed out after ${timeoutMs} ms waiting for ${what}; ${seen}`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : inspect(error);
}
