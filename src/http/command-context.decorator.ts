import { UnauthorizedException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../shared/command-context';
import type { ApiRequest } from './api-request';

/** The command context of this request: the authenticated actor; causation = the request's correlation id. */
export const RequestCommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<ApiRequest>();
  if (!request.actor) throw new UnauthorizedException({ error: 'unauthorized', message: 'No authenticated actor on this request' });
  const correlationId = request.correlationId ?? randomUUID();
  return { actor: request.actor, correlationId, causationId: correlationId, timestamp: new Date().toISOString() };
});
