import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordedEvent } from '../../event-store/event-store.port';

/** What every log line written inside a piece of work carries (see root-logger.ts's mixin). */
export interface LogContext {
  readonly correlationId?: string;
  readonly jobId?: string;
  readonly directoryId?: string;
  readonly eventId?: string;
  readonly messageId?: string;
  readonly reaction?: string;
  /** A reaction's page spanning several correlations: all of them (capped), rather than none. */
  readonly correlationIds?: readonly string[];
}

const storage = new AsyncLocalStorage<LogContext>();
/** Where a failure happened, for the handler that logs it later, outside that context. */
const contextOfErrors = new WeakMap<object, LogContext>();
const MAX_CORRELATIONS_PER_PAGE = 20;

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` in `context` itself, not a copy: a request runs in its own object, so the ids its code
 * adds (addToLogContext) are on its access line too, written from the same object on the response's close.
 */
export function runInLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}

/** Adds ids to the current piece of work's context from here on (a request learning which job it is about). */
export function addToLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, defined(fields));
}

/** Runs `work` with `fields` added to the current context; a rejection remembers the context it came from. */
export async function withLogContext<T>(fields: LogContext, work: () => Promise<T>): Promise<T> {
  const context = { ...storage.getStore(), ...defined(fields) };
  try {
    return await storage.run(context, work);
  } catch (error) {
    if (typeof error === 'object' && error !== null && !contextOfErrors.has(error)) contextOfErrors.set(error, context);
    throw error;
  }
}

/** Runs `log` in the context `error` was thrown in, when there was one: the error's line then carries its ids. */
export function inContextOf<T>(error: unknown, log: () => T): T {
  const context = typeof error === 'object' && error !== null ? contextOfErrors.get(error) : undefined;
  return context ? runInLogContext(context, log) : log();
}

/** The ids an event gives the work it causes. */
export function eventLogContext(event: RecordedEvent): LogContext {
  const data = typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {};
  return defined({
    correlationId: event.metadata.correlationId,
    eventId: event.metadata.eventId,
    jobId: typeof data.jobId === 'string' ? data.jobId : undefined,
    directoryId: typeof data.directoryId === 'string' ? data.directoryId : undefined,
  });
}

/** A page of events handled together: its one correlation (and job) when it has one, else every correlation in it. */
export function pageLogContext(events: readonly RecordedEvent[]): LogContext {
  const correlations = [...new Set(events.map((event) => event.metadata.correlationId))];
  const jobs = new Set(events.map((event) => eventLogContext(event).jobId));
  const jobId = jobs.size === 1 ? [...jobs][0] : undefined;
  if (correlations.length === 1) return defined({ correlationId: correlations[0], jobId });
  return defined({ correlationIds: correlations.slice(0, MAX_CORRELATIONS_PER_PAGE), jobId });
}

function defined(fields: LogContext): LogContext {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''));
}
