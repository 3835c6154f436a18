import { randomUUID } from 'node:crypto';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter, type HttpServer } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { ApiRequest } from './api-request';
import { toErrorResponse } from './error-response';

/**
 * Every error leaves as `{ error, message, ...extras }` JSON, never with a stack trace. What we
 * did not expect is a 500 carrying the correlation id, so the log line can be found.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly httpAdapter: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<ApiRequest>();
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const known = toErrorResponse(exception);
    if (known) {
      this.reply(response, known.body, known.status);
      return;
    }
    const correlationId = request.correlationId ?? randomUUID();
    const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
    this.logger.error(`unhandled error (correlationId ${correlationId}) on ${request.method} ${request.url}: ${detail}`);
    this.reply(response, { error: 'internal_error', message: 'Internal server error', correlationId }, 500);
  }

  private reply(response: ServerResponse, body: object, status: number): void {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    this.httpAdapter.reply(response, body, status);
  }
}
