import type { HealthCheckResult, HealthCheckStatus } from '@nestjs/terminus';

/** What a probe reads: `unavailable` and `shutting_down` come with 503, the others with 200. */
export type HealthStatus = 'ok' | 'degraded' | 'unavailable' | 'shutting_down';

export interface HealthBody {
  readonly status: HealthStatus;
  /** Each dependency by name: its own status (`up`, `degraded` or `down`) and what it measured. */
  readonly checks: HealthCheckResult['details'];
}

/** A 503 also carries the house error shape, so a client that reads `{ error, message }` understands it. */
export interface UnavailableBody extends HealthBody {
  readonly error: 'service_unavailable';
  readonly message: string;
}

const STATUS: Readonly<Record<HealthCheckStatus, HealthStatus>> = {
  ok: 'ok',
  degraded: 'degraded',
  error: 'unavailable',
  shutting_down: 'shutting_down',
};

export function healthBody(result: HealthCheckResult): HealthBody {
  return { status: STATUS[result.status], checks: result.details };
}

export function unavailableBody(result: HealthCheckResult): UnavailableBody {
  const down = Object.entries(result.details)
    .filter(([, detail]) => detail.status === 'down')
    .map(([name]) => name);
  const message =
    result.status === 'shutting_down'
      ? 'Not ready: the process is shutting down'
      : `Not ready: ${down.join(', ') || 'a dependency'} ${down.length === 1 ? 'is' : 'are'} down`;
  return { ...healthBody(result), error: 'service_unavailable', message };
}

const MAX_MESSAGE_CHARS = 200;
/** `scheme://user:password@host`: a URL's credentials, should a driver ever quote the URL it was given. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

/**
 * The first line of a dependency's error, without credentials and bounded: health is public,
 * so it says that something is down and roughly why, never more.
 */
export function publicErrorMessage(error: unknown): string {
  // Duck-typed: errors raised inside Node (sockets) need not share this realm's Error.
  const text = hasMessage(error) ? error.message : String(error);
  const line = (text.split('\n')[0] ?? '').replace(URL_CREDENTIALS, '$1***@').trim();
  if (line === '') return 'unknown error';
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}

function hasMessage(error: unknown): error is { readonly message: string } {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}
