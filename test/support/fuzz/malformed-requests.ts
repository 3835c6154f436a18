import fc from 'fast-check';
import { headerSafe, hostileObject, hostileQuery, hostileString, hostileValue, percentEncode } from './hostile-values';
import type { MountedRoute } from './route-table';

export interface FuzzCredentials {
  /** Headers of a signed-in staff member: malformed input must be refused past the guards too. */
  readonly staff: Readonly<Record<string, string>>;
  /** Headers of a valid integration key, for the routes that take one. */
  readonly apiKey: Readonly<Record<string, string>>;
}

export interface MalformedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  '*/*',
  'garbage',
  '',
] as const;

const RAW_BODIES = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '\u0000',
  'null',
  '"x"',
  '123',
  '[1,2',
  'NaN',
  '[]',
  '{"__proto__":{"polluted":1}}',
  'a[b][c][d][e]=1&__proto__[x]=y',
  '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------x--',
  '<?xml version="1.0"?><a/>',
] as const;

/** Bodies that are wrong in kind, shape or size; `bodyLimit` is the app's configured limit. */
function hostileBody(bodyLimit: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileObject.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: hostileValue.map((value) => JSON.stringify(value) ?? 'undefined') },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 3_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.constant(`{"description":"${'x'.repeat(bodyLimit + 1)}"}`) },
  );
}

type AuthKind = 'none' | 'empty-bearer' | 'garbage-bearer' | 'basic' | 'staff' | 'garbage-key' | 'api-key' | 'staff-and-garbage-key';
const AUTH_KINDS: readonly AuthKind[] = [
  'none',
  'empty-bearer',
  'garbage-bearer',
  'basic',
  'staff',
  'staff',
  'staff',
  'garbage-key',
  'api-key',
  'staff-and-garbage-key',
];

function authHeaders(kind: AuthKind, garbage: string, credentials: FuzzCredentials): Record<string, string> {
  switch (kind) {
    case 'none':
      return {};
    case 'empty-bearer':
      return { authorization: 'Bearer ' };
    case 'garbage-bearer':
      return { authorization: `Bearer ${headerSafe(garbage)}` };
    case 'basic':
      return { authorization: 'Basic dXNlcjpwYXNzd29yZA==' };
    case 'staff':
      return { ...credentials.staff };
    case 'garbage-key':
      return { 'x-api-key': headerSafe(garbage) };
    case 'api-key':
      return { ...credentials.apiKey };
    case 'staff-and-garbage-key':
      return { ...credentials.staff, 'x-api-key': headerSafe(garbage) };
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One malformed request to one of the app's routes: hostile path values, query, headers and body. */
export function malformedRequest(
  routes: readonly MountedRoute[],
  credentials: FuzzCredentials,
  bodyLimit: number,
): fc.Arbitrary<MalformedRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      pathValues: fc.array(hostileString, { minLength: 4, maxLength: 4 }),
      query: fc.option(hostileQuery, { nil: '' }),
      auth: fc.constantFrom(...AUTH_KINDS),
      garbage: hostileString,
      contentType: fc.constantFrom(...CONTENT_TYPES),
      body: fc.option(hostileBody(bodyLimit), { freq: 4, nil: null }),
      extraHeaders: fc.dictionary(
        fc.constantFrom('if-match', 'idempotency-key', 'x-correlation-id', 'accept', 'x-forwarded-for'),
        hostileString,
        { maxKeys: 2 },
      ),
    })
    .map(({ route, pathValues, query, auth, garbage, contentType, body, extraHeaders }) => {
      let index = 0;
      const path = route.path.replace(/:\w+/g, () => percentEncode(pathValues[index++] || 'x'));
      const sendsBody = body !== null && (WRITES.has(route.method) || garbage.length % 5 === 0);
      const headers: Record<string, string> = { ...authHeaders(auth, garbage, credentials) };
      for (const [name, value] of Object.entries(extraHeaders)) headers[name] = headerSafe(value);
      if (sendsBody && contentType) headers['content-type'] = contentType;
      const built = {
        method: route.method,
        path: query ? `${path}?${query}` : path,
        headers,
        body: sendsBody ? Buffer.from(body, 'utf8') : null,
      };
      return { ...built, [fc.toStringMethod]: () => describeRequest(built) };
    });
}

/** A failing request as fast-check prints it: long paths and bodies clipped, so the report stays readable. */
export function describeRequest(message: MalformedRequest): string {
  const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 300)}…(${text.length} chars)` : text);
  const body = message.body ? ` body ${clip(message.body.toString('utf8'))}` : '';
  return `${message.method} ${clip(message.path)} headers ${JSON.stringify(message.headers)}${body}`;
}
