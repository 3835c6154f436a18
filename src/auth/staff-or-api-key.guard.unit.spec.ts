import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import type { ApiRequest } from '../http/api-request';
import { systemClock } from '../shared/clock';
import { AdminGuard } from './admin.guard';
import type { Principal } from './principal';
import { SessionAuthenticator } from './session-authenticator';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const KEY_A = 'autobolt-key-a-0123456789abcdef';
const KEY_B = 'autobolt-key-b-0123456789abcdef';
const PRINCIPALS: Record<string, Principal> = {
  'staff-token': { kind: 'staff', accountId: 'acc-staff', email: 'ana@ops.test', role: 'staff', tokenHash: 'h1' },
  'admin-token': { kind: 'staff', accountId: 'acc-admin', email: 'root@ops.test', role: 'admin', tokenHash: 'h2' },
  'customer-token': { kind: 'customer', loginId: 'login-1', email: 'c@acme.test', customerId: 'acme', tokenHash: 'h3' },
};
const sessions = new SessionAuthenticator({ find: async (token) => PRINCIPALS[token] ?? null }, systemClock);

interface Call {
  readonly request: ApiRequest;
  readonly headers: Record<string, string>;
  readonly context: ExecutionContext;
}

function call(headers: Record<string, string>): Call {
  const request = { headers } as unknown as ApiRequest;
  const responseHeaders: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => void (responseHeaders[name] = value) };
  const context = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
    getHandler: () => call,
    getClass: () => Object,
  } as unknown as ExecutionContext;
  return { request, headers: responseHeaders, context };
}

type Guard = { canActivate(context: ExecutionContext): Promise<boolean> };

async function refusal(guard: Guard, headers: Record<string, string>): Promise<unknown> {
  try {
    await guard.canActivate(call(headers).context);
  } catch (error) {
    if (error instanceof UnauthorizedException || error instanceof ForbiddenException) return { status: error.getStatus(), ...(error.getResponse() as object) };
    return error;
  }
  throw new Error('expected a refusal');
}

describe('StaffOrApiKeyGuard', () => {
  const guard = new StaffOrApiKeyGuard(loadConfig({ AUTOBOLT_API_KEYS: `${KEY_A},${KEY_B}` }), sessions);

  it('accepts each configured key and names it by a hash prefix, never the key', async () => {
    for (const key of [KEY_A, KEY_B]) {
      const { request, context } = call({ 'x-api-key': key });
      expect(await guard.canActivate(context)).toBe(true);
      const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
      expect(request.actor).toEqual({ kind: 'api_key', id: `key-${hash}` });
    }
  });

  it('accepts a staff session; the actor is the session\'s account, whatever headers say', async () => {
    const { request, context } = call({ authorization: 'Bearer staff-token', 'x-staff-id': 'mallory' });
    expect(await guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'acc-staff' });
  });

  it('refuses a wrong or missing credential with 401 and the house error shape', async () => {
    expect(await refusal(guard, {})).toEqual({ status: 401, error: 'unauthorized', message: expect.stringMatching(/^Missing credentials/) });
    expect(await refusal(guard, { 'x-api-key': `${KEY_A}x` })).toEqual({ status: 401, error: 'unauthorized', message: 'Invalid API key' });
    expect(await refusal(guard, { authorization: `Bearer ${KEY_A}` })).toEqual({ status: 401, error: 'unauthorized', message: expect.stringMatching(/^Invalid, expired or revoked session/) });
  });

  it('refuses a wrong bearer token even next to a good key, and a customer session', async () => {
    expect(await refusal(guard, { authorization: 'Bearer wrong-token-123', 'x-api-key': KEY_A })).toMatchObject({ status: 401 });
    expect(await refusal(guard, { authorization: 'Bearer customer-token' })).toMatchObject({ status: 403, error: 'forbidden' });
  });

  it('sets WWW-Authenticate on a 401', async () => {
    const refused = call({ 'x-api-key': 'nope' });
    await expect(guard.canActivate(refused.context)).rejects.toThrow(UnauthorizedException);
    expect(refused.headers['WWW-Authenticate']).toBe('Bearer');
  });
});

describe('StaffAuthGuard and AdminGuard', () => {
  const staffGuard = new StaffAuthGuard(sessions, new Reflector());
  const adminGuard = new AdminGuard(sessions);

  it('StaffAuthGuard takes a staff session of either role, never an API key, and refuses customers with 403', async () => {
    for (const token of ['staff-token', 'admin-token']) expect(await staffGuard.canActivate(call({ authorization: `bearer ${token}` }).context)).toBe(true);
    expect(await refusal(staffGuard, { 'x-api-key': KEY_A })).toMatchObject({ status: 401, message: expect.stringMatching(/^Missing Authorization/) });
    expect(await refusal(staffGuard, { authorization: 'Bearer customer-token' })).toMatchObject({ status: 403, message: expect.stringContaining('staff session') });
  });

  it('AdminGuard takes the admin role only, naming it in the 403', async () => {
    expect(await adminGuard.canActivate(call({ authorization: 'Bearer admin-token' }).context)).toBe(true);
    expect(await refusal(adminGuard, { authorization: 'Bearer staff-token' })).toEqual({
      status: 403, error: 'forbidden', message: expect.stringContaining('needs the admin role'),
    });
    expect(await refusal(adminGuard, { authorization: 'Bearer customer-token' })).toMatchObject({ status: 403 });
    expect(await refusal(adminGuard, {})).toMatchObject({ status: 401 });
  });
});
