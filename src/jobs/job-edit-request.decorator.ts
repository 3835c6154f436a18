import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { documentedHeader } from '../api-docs/documented-header';
import { headerValue, type ApiRequest } from '../http/api-request';
import { commandContextOf } from '../http/command-context.decorator';
import { parseIfMatch } from '../http/if-match';
import type { CommandContext } from '../shared/command-context';

/** What every staff edit of a job takes besides its id and body. */
export interface JobEditRequest {
  /** From If-Match: an edit must name the version it saw (R-JOB-5). */
  readonly expectedVersion: number;
  readonly context: CommandContext;
  /** Where the edited job's ETag goes. */
  readonly response: ServerResponse;
}

/** If-Match is read first, so a missing or malformed one is what the caller hears about, as before. */
export const JobEdit = createParamDecorator(
  (_: unknown, context: ExecutionContext): JobEditRequest => {
    const http = context.switchToHttp();
    const request = http.getRequest<ApiRequest>();
    const expectedVersion = parseIfMatch(headerValue(request, 'if-match'));
    return { expectedVersion, context: commandContextOf(request), response: http.getResponse<ServerResponse>() };
  },
  [
    documentedHeader({
      name: 'If-Match',
      required: true,
      schema: { type: 'string', example: '"3"' },
      description: 'The job version you last read (its ETag): 428 without it, 409 with the current version when it is stale',
    }),
  ],
);
