import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_DOCS_PATH, mountApiDocs } from '../api-docs/api-docs.setup';
import type { AppConfig } from '../config/app-config';
import { consoleHeaders, isConsolePath, mountConsole } from '../console/console.setup';
import { REQUEST_LOGGING } from '../observability/logging/logging.module';
import { correlationIdMiddleware } from './api-request';
import { httpMetricsMiddleware } from '../observability/http-metrics.middleware';
import { ProcessMetrics } from '../observability/process-metrics';
import { rejectDeepJson } from './json-depth';
import { ApiExceptionFilter } from './api-exception.filter';
import { StorableInputPipe } from './storable-input.pipe';
import { uriTooLongMiddleware } from './uri-too-long.middleware';
import { createValidationPipe } from './validation.pipe';

/** The HTTP setup of the app, shared by main.ts and the test harness so both behave alike. Call before init(). */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix('api');
  // The ETags clients use are the versions handlers set (If-Match); Express's own weak one hashed
  // every JSON body on the hottest reads for conditional GETs no client makes.
  express.set('etag', false);
  // Behind a load balancer every client would otherwise share its address, and so one rate limit.
  if (config.security.trustProxyHops > 0) express.set('trust proxy', config.security.trustProxyHops);
  // First: a request refused by any later middleware is timed too.
  express.use(httpMetricsMiddleware(app.get(ProcessMetrics)));
  express.use(correlationIdMiddleware);
  // Right after the id: every request has its access line, even one refused before routing.
  express.use(app.get(REQUEST_LOGGING));
  express.use(uriTooLongMiddleware);
  // An API serving JSON: helmet's defaults (no sniffing, no framing, a strict CSP, HSTS) cost nothing.
  // The docs UI loads only its own scripts, which that CSP allows; but its upgrade-insecure-requests
  // would fetch them over https:// from a plain-http deployment and leave the page blank.
  const apiHeaders = helmet();
  const docsHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const docsPath = new RegExp(`^${API_DOCS_PATH}(?:[/?]|$)`);
  const pageHeaders = consoleHeaders();
  const headersFor = (url: string): typeof apiHeaders => (docsPath.test(url) ? docsHeaders : isConsolePath(url) ? pageHeaders : apiHeaders);
  express.use((request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) =>
    headersFor(request.url ?? '')(request, response, next),
  );
  // Off unless configured: a browser page from another origin gets no Access-Control-* header at all.
  if (config.security.corsOrigins.length > 0) express.enableCors({ origin: [...config.security.corsOrigins] });
  // Registered before init(), so Nest skips its own 100 kB parsers (same handler names).
  express.useBodyParser('json', { limit: config.httpBodyLimitBytes });
  express.useBodyParser('urlencoded', { limit: config.httpBodyLimitBytes, extended: false });
  express.use(rejectDeepJson);
  // Storable text first: the validator would otherwise accept a NUL inside a valid string.
  express.useGlobalPipes(new StorableInputPipe(), createValidationPipe());
  express.useGlobalFilters(new ApiExceptionFilter(express.getHttpAdapter()));
  if (config.apiDocs) mountApiDocs(express);
  mountConsole(express);
}
