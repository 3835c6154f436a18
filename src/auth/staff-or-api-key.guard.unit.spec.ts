import { BadRequestException, ForbiddenException, HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import { loadConfig } from '../config/app-config';
import type { ApiRequest } from '../http/api-request';
import { RequiresScope, type ApiKeyScope } from './api-keys/api-key-scopes';
import type { ApiKeyVerdict, ApiKeyVerifier } from './api-keys/api-key-verifier.service';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const STAFF = 'unit-staff-token-123';
const KEY = 'dbk_unit-key-0123456789abcdef';

@RequiresScope('autobolt')
class ScopedController {
  handle(): void {}
}
class UnscopedController {
  handle(): void {}
}

interface Call {
  readonly request: ApiRequest;
  /** The response's headers, read after the guard ran. */
  readonly headers: () => OutgoingHttpHeaders;
  readonly context: ExecutionContext;
}

function call(headers: Record<string, string>, controller: new () => { handle(): void } = ScopedController): Call {
  const request: ApiRequest = Object.assign(new IncomingMessage(new Socket()), { headers });
  const response = new ServerResponse(request);
  const context = new ExecutionContextHost([request, response], controller, controller.prototype.handle);
  return { request, headers: () => response.getHeaders(), context };
}

type Guard = { canActivate(context: ExecutionContext): boolean | Promise<boolean> };

async function refusal(guard: Guard, headers: Record<string, string>, controller?: new () => { handle(): void }): Promise<[number, unknown]> {
  try {
    await guard.canActivate(call(headers, controller).context);
  } catch (error) {
    if (error instanceof HttpException) return [error.getStatus(), error.getResponse()];
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Stands in for the database: KEY is good with the autobolt scope, anything else unknown. */
class FakeVerifier implements Pick<ApiKeyVerifier, 'verify'> {
  readonly calls: [string, ApiKeyScope | null][] = [];

  async verify(key: string, scope: ApiKeyScope | null): Promise<ApiKeyVerdict> {
    this.calls.push([key, scope]);
    if (key !== KEY) return { kind: 'unauthorized', message: 'Invalid API key' };
    if (scope === null) return { kind: 'forbidden', error: 'api_key_not_accepted', message: 'This route does not accept API keys' };
    return { kind: 'ok', actor: { kind: 'api_key', id: 'key-id' } };
  }
}

describe('StaffOrApiKeyGuard', () => {
  const verifier = new FakeVerifier();
  const guard = new StaffOrApiKeyGuard(loadConfig({ STAFF_API_TOKEN: STAFF }), new Reflector(), verifier);

  it('asks the verifier about X-API-Key with the scope the controller requires, and takes its actor', async () => {
    const { request, context } = call({ 'x-api-key': ` ${KEY} ` });
    expect(await guard.canActivate(context)).toBe(true);
    expect(verifier.calls.at(-1)).toEqual([KEY, 'autobolt']);
    expect(request.actor).toEqual({ kind: 'api_key', id: 'key-id' });
  });

  it('passes no scope for a route that declares none, and answers the verifier\'s 403 with its code', async () => {
    expect(await refusal(guard, { 'x-api-key': KEY }, UnscopedController)).toEqual([403, { error: 'api_key_not_accepted', message: 'This route does not accept API keys' }]);
    expect(verifier.calls.at(-1)).toEqual([KEY, null]);
  });

  it('accepts the staff token, with X-Staff-Id, through the same logic as the staff guard', async () => {
    const { request, context } = call({ authorization: `Bearer ${STAFF}`, 'x-staff-id': 'ana@ops' });
    expect(await guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'ana@ops' });
    await expect(guard.canActivate(call({ authorization: `Bearer ${STAFF}`, 'x-staff-id': 'no spaces' }).context)).rejects.toThrow(BadRequestException);
  });

  it('refuses a wrong or missing credential with 401 and the house error shape', async () => {
    expect(await refusal(guard, {})).toEqual([401, { error: 'unauthorized', message: expect.stringMatching(/^Missing credentials/) }]);
    expect(await refusal(guard, { 'x-api-key': `${KEY}x` })).toEqual([401, { error: 'unauthorized', message: 'Invalid API key' }]);
    expect(await refusal(guard, { authorization: `Bearer ${KEY}` })).toEqual([401, { error: 'unauthorized', message: 'Invalid staff token' }]);
  });

  it('refuses a wrong bearer token even next to a good key, without asking about the key', async () => {
    const asked = verifier.calls.length;
    expect(await refusal(guard, { authorization: 'Bearer wrong-token-123', 'x-api-key': KEY })).toEqual([401, {
      error: 'unauthorized', message: 'Invalid staff token',
    }]);
    expect(verifier.calls.length).toBe(asked);
  });

  it('sets WWW-Authenticate on a 401, and not on a 403', async () => {
    const refused = call({ 'x-api-key': 'nope' });
    await expect(guard.canActivate(refused.context)).rejects.toThrow(HttpException);
    expect(refused.headers()['www-authenticate']).toBe('Bearer');
    const forbidden = call({ 'x-api-key': KEY }, UnscopedController);
    await expect(guard.canActivate(forbidden.context)).rejects.toThrow(ForbiddenException);
    expect(forbidden.headers()['www-authenticate']).toBeUndefined();
  });
});

describe('StaffAuthGuard (after sharing its credential check)', () => {
  const guard = new StaffAuthGuard(loadConfig({ STAFF_API_TOKEN: STAFF }));

  it('still takes only the staff token', async () => {
    expect(await refusal(guard, { 'x-api-key': KEY })).toEqual([401, { error: 'unauthorized', message: 'Missing Authorization: Bearer <staff token> header' }]);
    expect(await refusal(guard, { authorization: 'Bearer nope' })).toEqual([401, { error: 'unauthorized', message: 'Invalid staff token' }]);
    const { request, context } = call({ authorization: `bearer ${STAFF}` });
    expect(guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'staff' });
  });
});
