import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProcessMetrics } from './process-metrics';

/**
 * Requests no route of ours matched (404s, probes), including Nest's catch-all under the global
 * prefix (`/api*path`): one label value, so random paths cannot grow the series.
 */
const UNMATCHED = 'unmatched';

/** What Express adds to a request once its router has matched a route. */
interface RoutedRequest extends IncomingMessage {
  readonly route?: unknown;
  readonly baseUrl?: string;
}

/**
 * Times every request, guards and errors included, by the route template it matched
 * (`/api/jobs/:id`, never the raw path: ids would make a series per job).
 */
export function httpMetricsMiddleware(
  metrics: ProcessMetrics,
): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    const stop = metrics.httpDuration.startTimer();
    response.once('finish', () =>
      stop({ method: request.method ?? 'GET', route: routeTemplate(request), status: String(response.statusCode) }),
    );
    next();
  };
}

export function routeTemplate(request: RoutedRequest): string {
  const { route } = request;
  const path = typeof route === 'object' && route !== null && 'path' in route ? route.path : null;
  // Our routes have no wildcards; a wildcard match is the not-found handler.
  return typeof path === 'string' && !path.includes('*') ? `${request.baseUrl ?? ''}${path}` : UNMATCHED;
}
