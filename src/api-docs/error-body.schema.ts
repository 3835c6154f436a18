import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ErrorBody } from '../http/error-response';

export const ERROR_BODY_SCHEMA = 'ErrorBody';

/**
 * The body of every 4xx and 5xx answer (see error-response.ts and api-exception.filter.ts), as
 * the OpenAPI document's shared `ErrorBody` schema. `implements` keeps it in step with the type
 * the filter really sends.
 */
@ApiSchema({ name: ERROR_BODY_SCHEMA })
export class ErrorBodySchema implements ErrorBody {
  readonly [extra: string]: unknown;

  @ApiProperty({
    description: 'A stable snake_case code, e.g. `validation_failed`, `version_conflict`, `not_found`.',
    example: 'version_conflict',
  })
  readonly error!: string;

  @ApiProperty({
    description: 'What went wrong and what to do, for people.',
    example: 'job-1 is at version 4, not 3 as given: it changed since you read it; re-read and retry',
  })
  readonly message!: string;

  @ApiPropertyOptional({ description: 'On a 500 only: the id of the log line that tells what happened.', format: 'uuid' })
  readonly correlationId?: string;
}

/** Extra fields some errors carry, named in the schema's description. */
export const ERROR_BODY_EXTRAS = [
  '`currentVersion` and `expectedVersion` (409 `version_conflict`)',
  '`problems` (400 `validation_failed` of a directory import)',
  '`retryAfterSeconds` (429 `too_many_sign_in_attempts`, with a Retry-After header)',
  '`required` and `available` (409 `catalog_too_small`)',
].join('; ');
