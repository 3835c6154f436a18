import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { documentedHeader } from '../api-docs/documented-header';
import { headerValue, type ApiRequest } from './api-request';

const KEY = /^[\x21-\x7E]{1,200}$/;

export function parseIdempotencyKey(header: string | undefined): string | null {
  if (header === undefined) return null;
  if (!KEY.test(header)) {
    throw new BadRequestException({
      error: 'invalid_idempotency_key',
      message: 'Idempotency-Key must be 1 to 200 visible ASCII characters without spaces',
    });
  }
  return header;
}

/** The Idempotency-Key header, or null when absent. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null =>
    parseIdempotencyKey(headerValue(context.switchToHttp().getRequest<ApiRequest>(), 'idempotency-key')),
  [
    documentedHeader({
      name: 'Idempotency-Key',
      required: false,
      schema: { type: 'string', pattern: KEY.source },
      description: 'A retried request with the same key gets the first answer instead of doing the work twice',
    }),
  ],
);
