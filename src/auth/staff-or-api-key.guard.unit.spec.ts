import { ForbiddenException, HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { IncomingMessage, ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Socket } from 'node:net';
import type { ApiRequest } from '../http/api-request';
import { systemClock } from '../shared/clock';
import { AdminGuard } from './admin.guard';
import { RequiresScope, type ApiKeyScope } from './api-keys/api-key-scopes';
import type { ApiKeyVerdict, ApiKeyVerifier } from './api-keys/api-key-verifier.service';
import type { Principal } from './principal';
import { SessionAuthenticator } from './session-authenticator';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const KEY = 'dbk_unit-key-0123456789abcdef';
const PRINCIPALS: Record<string, Principal> = {
  'staff-token': { kind: 'staff', accountId: 'acc-staff', email: 'ana@ops.test', role: 'staff', tokenHash: 'h1' },
  'admin-token': { kind: 'staff', accountId: 'acc-admin', email: 'root@ops.test', role: 'admin', tokenHash: 'h2' },
  'customer-token': { kind: 'customer', loginId: 'login-1', email: 'c@acme.test', customerId: 'acme', tokenHash: 'h3' },
};
const sessions = new SessionAuthenticator({ find: async (token) => PRINCIPALS[token] ?? null }, systemClock);

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

async function refusal(
  guard: Guard,
  headers: Record<string, string>,
  controller?: new () => { handle(): void },
): Promise<[number, unknown]> {
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
  const guard = new StaffOrApiKeyGuard(new Reflector(), verifier, sessions);

  it('asks the verifier about X-API-Key with the scope the controller requires, and takes its actor', async () => {
    const { request, context } = call({ 'x-api-key': ` ${KEY} ` });
    expect(await guard.canActivate(context)).toBe(true);
    expect(verifier.calls.at(-1)).toEqual([KEY, 'autobolt']);
    expect(request.actor).toEqual({ kind: 'api_key', id: 'key-id' });
  });

  it("passes no scope for a route that declares none, and answers the verifier's 403 with its code", async () => {
    expect(await refusal(guard, { 'x-api-key': KEY }, UnscopedController)).toEqual([
      403,
      { error: 'api_key_not_accepted', message: 'This route does not accept API keys' },
    ]);
    expect(verifier.calls.at(-1)).toEqual([KEY, null]);
  });

  it("accepts a staff session; the actor is the session's account, whatever headers say", async () => {
    const { request, context } = call({ authorization: 'Bearer staff-token', 'x-staff-id': 'mallory' });
    expect(await guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'acc-staff' });
  });

  it('refuses a wrong or missing credential with 401 and the house error shape, and a customer session with 403', async () => {
    expect(await refusal(guard, {})).toEqual([401, { error: 'unauthorized', message: expect.stringMatching(/^Missing credentials/) }]);
    expect(await refusal(guard, { 'x-api-key': `${KEY}x` })).toEqual([401, { error: 'unauthorized', message: 'Invalid API key' }]);
    expect(await refusal(guard, { authorization: `Bearer ${KEY}` })).toEqual([
      401,
      { error: 'unauthorized', message: expect.stringMatching(/^Invalid, expired or revoked session/) },
    ]);
    expect(await refusal(guard, { authorization: 'Bearer customer-token' })).toEqual([
      403,
      expect.objectContaining({ error: 'forbidden' }),
    ]);
  });

  it('refuses a wrong bearer token even next to a good key, without asking about the key', async () => {
    const asked = verifier.calls.length;
    expect(await refusal(guard, { authorization: 'Bearer wrong-token-123', 'x-api-key': KEY })).toEqual([
      401,
      expect.objectContaining({ error: 'unauthorized' }),
    ]);
    expect(verifier.calls.length).toBe(asked);
  });

  it('sets WWW-Authenticate on a 401, and not on a 403', async () => {
    const refused = call({ 'x-api-key': 'nope' });
    await expect(guard.canActivate(refused.context)).rejects.toThrow(HttpException);
    expect(refused.headers()['www-authenticate']).toBe('Bearer');
    const denied = call({ 'x-api-key': KEY }, UnscopedController);
    await expect(guard.canActivate(denied.context)).rejects.toThrow(ForbiddenException);
    expect(denied.headers()['www-authenticate']).toBeUndefined();
  });
});

describe('StaffAuthGuard and AdminGuard', () => {
  const staffGuard = new StaffAuthGuard(sessions, new Reflector());
  const adminGuard = new AdminGuard(sessions);

  it('StaffAuthGuard takes a staff session of either role, never an API key, and refuses customers with 403', async () => {
    for (const token of ['staff-token', 'admin-token'])
      expect(await staffGuard.canActivate(call({ authorization: `bearer ${token}` }).context)).toBe(true);
    expect(await refusal(staffGuard, { 'x-api-key': KEY })).toEqual([
      401,
      expect.objectContaining({ message: expect.stringMatching(/^Missing Authorization/) }),
    ]);
    expect(await refusal(staffGuard, { authorization: 'Bearer customer-token' })).toEqual([
      403,
      expect.objectContaining({ message: expect.stringContaining('staff session') }),
    ]);
  });

  it('AdminGuard takes the admin role only, naming it in the 403', async () => {
    expect(await adminGuard.canActivate(call({ authorization: 'Bearer admin-token' }).context)).toBe(true);
    expect(await refusal(adminGuard, { authorization: 'Bearer staff-token' })).toEqual([
      403,
      {
        error: 'forbidden',
        message: expect.stringContaining('needs the admin role'),
      },
    ]);
    expect((await refusal(adminGuard, { authorization: 'Bearer customer-token' }))[0]).toBe(403);
    expect((await refusal(adminGuard, {}))[0]).toBe(401);
  });
});
