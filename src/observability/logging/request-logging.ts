import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { PinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import type { ApiRequest } from '../../http/api-request';
import { redactedError } from './root-logger';
import { redactSecrets } from './secret-redaction';

/** Polled by supervisors and Prometheus every few seconds: a line each would drown the rest. */
const QUIET_PATHS = ['/api/health', '/api/metrics'];
const isQuiet = (path: string): boolean => QUIET_PATHS.some((quiet) => path === quiet || path.startsWith(`${quiet}/`));

/**
 * One access line per request, and the request's logger (bound to its correlation id) for every
 * line written while it runs. Mounted at the edge, after the correlation id middleware, so a
 * request refused before routing (malformed JSON, too large, URI too long) has its line too.
 */
export function createRequestLogging(
  logger: Logger,
  nestLogger: PinoLogger,
): (request: ApiRequest, response: ServerResponse, next: () => void) => void {
  const http = pinoHttp<ApiRequest, ServerResponse>({
    logger,
    genReqId: (request) => request.correlationId ?? randomUUID(),
    customAttributeKeys: { reqId: 'correlationId' },
    // Only the id on lines written inside a request; the access line has the method, path and status.
    quietReqLogger: true,
    // The request's fields join the access line when it is written, not a child logger made per
    // request: that child serialized and redacted them even when the line's level was off.
    quietResLogger: true,
    customSuccessObject: withRequest,
    customErrorObject: (request, response, _error, fields: object) => withRequest(request, response, fields),
    wrapSerializers: false,
    serializers: { req: requestFields, res: responseFields, err: redactedError },
    autoLogging: { ignore: (request) => isQuiet((request.url ?? '').split('?')[0]) },
    // 'silent' when the level is off: pino-http then builds no line (fields, message) only to drop it.
    customLogLevel: (_request, response, error) => {
      const level = error || response.statusCode >= 500 ? 'error' : 'info';
      return logger.isLevelEnabled(level) ? level : 'silent';
    },
    customSuccessMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request)} ${response.statusCode}`,
  });
  // The rest of the request runs in a context whose Nest logger is bound to the same id.
  return (request, response, next) =>
    http(request, response, () => nestLogger.runInContext(next, { bindings: { correlationId: request.id } }));
}

function withRequest(request: ApiRequest, _response: ServerResponse, fields: object): object {
  return { ...fields, req: request };
}

function requestFields(request: IncomingMessage): Record<string, unknown> {
  return { method: request.method, url: redactSecrets(request.url ?? '') };
}

function responseFields(response: ServerResponse): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

/** Long paths are cut: a 2 kB URI (answered 414) would otherwise fill the line. */
function pathOf(request: IncomingMessage): string {
  const path = redactSecrets((request.url ?? '').split('?')[0]);
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
