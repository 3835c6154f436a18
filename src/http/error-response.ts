import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { CatalogTooSmallError } from '../directories/directory-catalog.repository';
import { InvalidDirectoryEntriesError } from '../directories/directory-entries.validation';
import {
  EventStoreError,
  EventTooLargeError,
  InvalidAppendError,
  InvalidCheckpointError,
  InvalidEventDataError,
  InvalidReadError,
  WrongExpectedVersionError,
} from '../event-store/event-store.errors';
import { DomainError, type DomainErrorCode } from '../shared/decider';

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly [extra: string]: unknown;
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
}

const DOMAIN_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  ILLEGAL_TRANSITION: 409,
  INVALID_COMMAND: 400,
};
const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

/** The response for an error we expect, or null for one that is a bug (answered as 500). */
export function toErrorResponse(exception: unknown): ErrorResponse | null {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof DomainError) {
    return { status: DOMAIN_STATUS[exception.code], body: { error: exception.code.toLowerCase(), message: exception.message } };
  }
  if (exception instanceof CatalogTooSmallError) {
    const { message, required, available } = exception;
    return { status: 409, body: { error: 'catalog_too_small', message, required, available } };
  }
  if (exception instanceof InvalidDirectoryEntriesError) {
    return { status: 400, body: { error: 'validation_failed', message: exception.message, problems: exception.problems } };
  }
  if (exception instanceof EventStoreError) return fromEventStoreError(exception);
  return null;
}

function fromEventStoreError(exception: EventStoreError): ErrorResponse | null {
  if (exception instanceof WrongExpectedVersionError) {
    const { streamId, expected, actual } = exception;
    const message = `${streamId} is at version ${actual}, not ${String(expected)} as given: it changed since you read it; re-read and retry`;
    return { status: 409, body: { error: 'version_conflict', message, expectedVersion: expected, currentVersion: actual } };
  }
  const code = exception.code.toLowerCase();
  if (exception instanceof EventTooLargeError) return { status: 413, body: { error: code, message: exception.message } };
  const badRequest =
    exception instanceof InvalidAppendError ||
    exception instanceof InvalidReadError ||
    exception instanceof InvalidCheckpointError ||
    exception instanceof InvalidEventDataError;
  return badRequest ? { status: 400, body: { error: code, message: exception.message } } : null;
}

/** Keeps the status and any extra fields; fills in a snake_case `error` and a string `message`. */
function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const bodyParserError = fromBodyParser(exception, status);
  if (bodyParserError) return bodyParserError;
  const raw = exception.getResponse();
  const { statusCode: _statusCode, ...fields } = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const error = typeof fields.error === 'string' && SNAKE_CASE.test(fields.error) ? fields.error : codeForStatus(status);
  return { status, body: { ...fields, error, message: messageOf(raw) ?? exception.message } };
}

/** body-parser errors reach us as HttpExceptions whose cause says what went wrong. */
function fromBodyParser(exception: HttpException, status: number): ErrorResponse | null {
  const cause = exception.cause as { type?: unknown; limit?: unknown } | undefined;
  if (cause?.type === 'entity.parse.failed') {
    return { status: 400, body: { error: 'malformed_json', message: `Request body is not valid JSON: ${exception.message}` } };
  }
  if (cause?.type === 'entity.too.large') {
    const message = `Request body is larger than the limit of ${String(cause.limit)} bytes`;
    return { status: 413, body: { error: 'payload_too_large', message } };
  }
  return status === 413 ? { status, body: { error: 'payload_too_large', message: exception.message } } : null;
}

function messageOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  const message = (raw as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return undefined;
}

export function codeForStatus(status: number): string {
  const text = STATUS_CODES[status] ?? 'error';
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'error'
  );
}
