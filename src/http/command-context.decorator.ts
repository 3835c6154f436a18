import { UnauthorizedException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../shared/command-context';
import type { ApiRequest } from './api-request';

/** The command context of a request: the authenticated actor; causation = the request's correlation id. */
export function commandContextOf(request: ApiRequest): CommandContext {
  if (!request.actor) throw new UnauthorizedException({ error: 'unauthorized', message: 'No authenticated actor on this request' });
  const correlationId = request.correlationId ?? randomUUID();
  return { actor: request.actor, correlationId, causationId: correlationId, timestamp: new Date().toISOString() };
}

export const RequestCommandContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<ApiRequest>()),
);
