import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { tap, type Observable } from 'rxjs';

const ID_FIELDS = ['jobId', 'directoryId'] as const;

/**
 * Adds the job and directory a request is about (its route parameters, or the job it created) to
 * its log lines, the access line included.
 */
@Injectable()
export class RequestLogIdsInterceptor implements NestInterceptor {
  constructor(private readonly logger: PinoLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const response = http.getResponse<{ log?: { setBindings(fields: Record<string, unknown>): void } }>();
    this.assign(http.getRequest<{ params?: unknown }>().params, response);
    return next.handle().pipe(tap((body) => this.assign(body, response)));
  }

  /** On the request's lines from here on, and on its access line (written by the response's logger). */
  private assign(source: unknown, response: { log?: { setBindings(fields: Record<string, unknown>): void } }): void {
    if (typeof source !== 'object' || source === null) return;
    const record = source as Record<string, unknown>;
    const fields = Object.fromEntries(ID_FIELDS.flatMap((field) => (typeof record[field] === 'string' ? [[field, record[field]]] : [])));
    if (Object.keys(fields).length === 0) return;
    this.logger.assign(fields);
    response.log?.setBindings(fields);
  }
}
