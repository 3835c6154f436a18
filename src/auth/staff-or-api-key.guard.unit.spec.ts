import { BadRequestException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import type { ApiRequest } from '../http/api-request';
import { StaffAuthGuard } from './staff-auth.guard';
import { StaffOrApiKeyGuard } from './staff-or-api-key.guard';

const STAFF = 'unit-staff-token-123';
const KEY_A = 'autobolt-key-a-0123456789abcdef';
const KEY_B = 'autobolt-key-b-0123456789abcdef';

interface Call {
  readonly request: ApiRequest;
  readonly headers: Record<string, string>;
  readonly context: ExecutionContext;
}

function call(headers: Record<string, string>): Call {
  const request = { headers } as unknown as ApiRequest;
  const responseHeaders: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => void (responseHeaders[name] = value) };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ExecutionContext;
  return { request, headers: responseHeaders, context };
}

function refusal(guard: { canActivate(context: ExecutionContext): boolean }, headers: Record<string, string>): unknown {
  try {
    guard.canActivate(call(headers).context);
  } catch (error) {
    return error instanceof UnauthorizedException ? error.getResponse() : error;
  }
  throw new Error('expected a refusal');
}

describe('StaffOrApiKeyGuard', () => {
  const guard = new StaffOrApiKeyGuard(loadConfig({ STAFF_API_TOKEN: STAFF, AUTOBOLT_API_KEYS: `${KEY_A},${KEY_B}` }));

  it('accepts each configured key and names it by a hash prefix, never the key', () => {
    for (const key of [KEY_A, KEY_B]) {
      const { request, context } = call({ 'x-api-key': key });
      expect(guard.canActivate(context)).toBe(true);
      const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
      expect(request.actor).toEqual({ kind: 'api_key', id: `key-${hash}` });
    }
  });

  it('accepts the staff token, with X-Staff-Id, through the same logic as the staff guard', () => {
    const { request, context } = call({ authorization: `Bearer ${STAFF}`, 'x-staff-id': 'ana@ops' });
    expect(guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'ana@ops' });
    expect(() => guard.canActivate(call({ authorization: `Bearer ${STAFF}`, 'x-staff-id': 'no spaces' }).context)).toThrow(BadRequestException);
  });

  it('refuses a wrong or missing credential with 401 and the house error shape', () => {
    expect(refusal(guard, {})).toEqual({ error: 'unauthorized', message: expect.stringMatching(/^Missing credentials/) });
    expect(refusal(guard, { 'x-api-key': `${KEY_A}x` })).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
    expect(refusal(guard, { 'x-api-key': STAFF })).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
    expect(refusal(guard, { authorization: `Bearer ${KEY_A}` })).toEqual({ error: 'unauthorized', message: 'Invalid staff token' });
  });

  it('refuses a wrong bearer token even next to a good key', () => {
    expect(refusal(guard, { authorization: 'Bearer wrong-token-123', 'x-api-key': KEY_A })).toEqual({
      error: 'unauthorized', message: 'Invalid staff token',
    });
  });

  it('with no keys configured, only staff get in', () => {
    const staffOnly = new StaffOrApiKeyGuard(loadConfig({ STAFF_API_TOKEN: STAFF }));
    expect(refusal(staffOnly, { 'x-api-key': KEY_A })).toEqual({ error: 'unauthorized', message: 'Invalid API key' });
    expect(staffOnly.canActivate(call({ authorization: `Bearer ${STAFF}` }).context)).toBe(true);
  });

  it('sets WWW-Authenticate on a refusal', () => {
    const refused = call({ 'x-api-key': 'nope' });
    expect(() => guard.canActivate(refused.context)).toThrow(UnauthorizedException);
    expect(refused.headers['WWW-Authenticate']).toBe('Bearer');
  });
});

describe('StaffAuthGuard (after sharing its credential check)', () => {
  const guard = new StaffAuthGuard(loadConfig({ STAFF_API_TOKEN: STAFF, AUTOBOLT_API_KEYS: KEY_A }));

  it('still takes only the staff token', () => {
    expect(refusal(guard, { 'x-api-key': KEY_A })).toEqual({ error: 'unauthorized', message: 'Missing Authorization: Bearer <staff token> header' });
    expect(refusal(guard, { authorization: 'Bearer nope' })).toEqual({ error: 'unauthorized', message: 'Invalid staff token' });
    const { request, context } = call({ authorization: `bearer ${STAFF}` });
    expect(guard.canActivate(context)).toBe(true);
    expect(request.actor).toEqual({ kind: 'staff', id: 'staff' });
  });
});
