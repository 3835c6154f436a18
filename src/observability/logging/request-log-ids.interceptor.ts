import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';
import { addToLogContext } from './log-context';

const ID_FIELDS = ['jobId', 'directoryId'] as const;

/**
 * Adds the job and directory a request is about (its route parameters, or the job it created) to
 * its log lines, the access line included.
 */
@Injectable()
export class RequestLogIdsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    assign(context.switchToHttp().getRequest<{ params?: unknown }>().params);
    return next.handle().pipe(tap(assign));
  }
}

function assign(source: unknown): void {
  if (typeof source !== 'object' || source === null) return;
  const record = source as Record<string, unknown>;
  for (const field of ID_FIELDS) if (typeof record[field] === 'string') addToLogContext({ [field]: record[field] });
}
