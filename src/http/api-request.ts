import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/principal';
import type { Actor } from '../event-store/event-store.port';

/** What our middleware and guards add to the incoming request. */
export interface ApiRequest extends IncomingMessage {
  correlationId?: string;
  actor?: Actor;
  /** The signed-in account, when the request came with a session. */
  principal?: Principal;
}

/** X-Request-Id is what proxies and load balancers set; X-Correlation-Id is read too (the name this API answered to first). */
export const REQUEST_ID_HEADER = 'x-request-id';
export const CORRELATION_HEADER = 'x-correlation-id';
/** Loose on purpose: callers pass trace ids of many shapes; we only keep them printable and short. */
const CORRELATION_ID = /^[A-Za-z0-9._:@/-]{1,128}$/;

export function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller's X-Request-Id (or X-Correlation-Id) when usable, else a new one; echoed back under both names. */
export function correlationIdMiddleware(request: ApiRequest, response: ServerResponse, next: () => void): void {
  const given = [REQUEST_ID_HEADER, CORRELATION_HEADER]
    .map((name) => headerValue(request, name)?.trim())
    .find((value) => value && CORRELATION_ID.test(value));
  const correlationId = given ?? randomUUID();
  request.correlationId = correlationId;
  response.setHeader('X-Request-Id', correlationId);
  response.setHeader('X-Correlation-Id', correlationId);
  next();
}
