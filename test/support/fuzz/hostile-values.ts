import fc from 'fast-check';

/**
 * Strings that have broken web services: NUL and lone surrogates (PostgreSQL refuses both in
 * text), bidi overrides, combining floods, injection for SQL, HTML, templates and shells, path
 * traversal, number edge cases, prototype keys, header splitting and very long values.
 */
const KNOWN_HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uD83D',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '💩',
  'Z\u0364\u0351\u0313a\u0308\u0356\u036Dl\u036E\u0312\u036Bg\u030C\u0317\u035Ao\u0319\u0314\u036E',
  'שלום',
  'مرحبا',
  "' OR '1'='1",
  '1; DROP TABLE events; --',
  "'); SELECT pg_sleep(5); --",
  '$1',
  '%s%s%s%n',
  '\\',
  '\\\\x00',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '`id`',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'http://169.254.169.254/latest/meta-data/',
  'http://127.0.0.1:5432/',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '-0',
  '1e309',
  '99999999999999999999999',
  '0x7fffffff',
  'true',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-02-30T25:61:61Z',
  'x'.repeat(5_000),
  ' '.repeat(300),
  '\r\n\r\nX-Injected: 1',
  '%',
  '%00',
  '%E0%A4%A',
  '%uD800',
  '..%2f..%2f',
] as const;

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 32 }) },
);

/** A value of any JSON-ish type, mostly the wrong one for whatever field it lands in. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'hostile' },
    hostileString,
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1.5, -0, 1e308),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Field names the routes really read, so a wrong value reaches validation instead of being ignored. */
const FIELD_NAMES = [
  'customerId',
  'directoryIds',
  'directoryId',
  'jobId',
  'priority',
  'status',
  'reason',
  'note',
  'name',
  'email',
  'password',
  'url',
  'submissionUrl',
  'businessName',
  'description',
  'phone',
  'website',
  'packageSize',
  'tier',
  'dryRun',
  'mapping',
  'fields',
  'scopes',
  'ids',
  'all',
  'expiresAt',
  'role',
  'limit',
  'force',
  '__proto__',
  'constructor',
] as const;

export const hostileObject: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: hostileString }),
  hostileValue,
  { minKeys: 1, maxKeys: 6 },
);

/** Query keys the list routes take, with hostile values, repeated keys and bracket nesting. */
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'limit',
        'offset',
        'cursor',
        'status',
        'page',
        'asOf',
        'from',
        'to',
        'sort',
        'priority',
        'since',
        'a[b][c]',
        '__proto__[x]',
      ),
      hostileString,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key)}=${percentEncode(value)}`).join('&'));

/**
 * Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as a browser would send it);
 * printable `%`-led values are sent as they are, so malformed escapes reach the server.
 */
export function percentEncode(value: string): string {
  if (/^%[\x21-\x7e]*$/.test(value)) return value;
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** What Node's HTTP client will put in a header: tab, printable ASCII and Latin-1. */
export function headerSafe(value: string): string {
  return value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
}
