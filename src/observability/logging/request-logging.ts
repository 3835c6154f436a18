import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApiRequest } from '../../http/api-request';
import { runInLogContext, type LogContext } from './log-context';
import { redactSecrets } from './secret-redaction';

/** Polled by supervisors and Prometheus every few seconds: a line each would drown the rest. */
const QUIET_PATHS = ['/api/health', '/api/metrics'];
const isQuiet = (path: string): boolean => QUIET_PATHS.some((quiet) => path === quiet || path.startsWith(`${quiet}/`));

/**
 * One access line per request, and the context (its correlation id, then the job it is about)
 * that every line written while it runs carries through the root logger's mixin. Mounted at the
 * edge, after the correlation id middleware, so a request refused before routing (malformed JSON,
 * too large, URI too long) has its line too.
 *
 * Not pino-http: that made three child loggers per request, each serializing and redacting its
 * bindings even with access lines off (a fifth of the API's allocations under load). Here a request
 * costs one context object and one listener; a line is built only when its level is on.
 */
export function createRequestLogging(logger: Logger): (request: ApiRequest, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const context: LogContext = { correlationId: request.correlationId };
    const path = (request.url ?? '').split('?')[0];
    if (!isQuiet(path)) {
      const started = Date.now();
      response.once('close', () => accessLine(logger, request, path, response, context, Date.now() - started));
    }
    runInLogContext(context, next);
  };
}

/** 'close' comes after 'finish' for an answered request, and alone for one whose client went away first. */
function accessLine(
  logger: Logger,
  request: ApiRequest,
  path: string,
  response: ServerResponse,
  context: LogContext,
  responseTime: number,
): void {
  const level = response.statusCode >= 500 ? 'error' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const fields = {
    req: { method: request.method, url: redactSecrets(request.url ?? '') },
    res: { statusCode: response.statusCode },
    responseTime,
    ...(response.writableFinished ? {} : { aborted: true }),
  };
  runInLogContext(context, () => logger[level](fields, `${request.method} ${shown(path)} ${response.statusCode}`));
}

/** Long paths are cut: a 2 kB URI (answered 414) would otherwise fill the line. */
function shown(path: string): string {
  const redacted = redactSecrets(path);
  return redacted.length > 200 ? `${redacted.slice(0, 200)}…` : redacted;
}
