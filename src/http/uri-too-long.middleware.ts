import type { IncomingMessage, ServerResponse } from 'node:http';

/** Longest request target (path and query) served (docs/requirements.md R-API-16). */
export const MAX_URL_LENGTH = 2048;

/** 414 with the house error body, before routing, parsing or any guard spends work on the request. */
export function uriTooLongMiddleware(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  const length = request.url?.length ?? 0;
  if (length <= MAX_URL_LENGTH) return next();
  const body = { error: 'uri_too_long', message: `The request URL is ${length} characters long; at most ${MAX_URL_LENGTH} are accepted` };
  response.statusCode = 414;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}
