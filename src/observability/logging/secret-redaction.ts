/**
 * Secrets that reach a log line inside text (an error message quoting a connection string, a
 * header echoed by a library) are masked here; structured fields are masked by path (REDACTED_PATHS).
 */
import { DEMO_ADMIN, DEMO_CUSTOMER_LOGIN } from '../../demo/demo-accounts';

export const REDACTED = '[REDACTED]';
/** Published in the README and printed by the embedded demo so its sign-in lines work: not secrets. */
const PUBLIC_VALUES: ReadonlySet<string> = new Set([DEMO_ADMIN.password, DEMO_CUSTOMER_LOGIN.password]);

const TEXT_RULES: readonly (readonly [RegExp, string])[] = [
  // The password of any URL with credentials (DATABASE_URL, REDIS_URL, ...): user kept, password gone.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, `$1:${REDACTED}@`],
  // API keys are recognisable by their prefix wherever they appear.
  [/\bdbk_[A-Za-z0-9_-]+/g, `dbk_${REDACTED}`],
  // Authorization values (session tokens, basic credentials).
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
];
/** key=value and "key":"value" pairs whose key says secret. */
const SECRET_PAIR = /\b((?:password|passwd|secret|token|api[_-]?key|authorization|cookie)[\w-]*)(["']?\s*[:=]\s*["']?)([^\s"'&,;}]+)/gi;

/**
 * A word every rule above needs (a superset, case aside): every log line and request path passes
 * through here, and most hold none, so one scan usually settles it instead of four.
 */
const MAY_HOLD_SECRET = /:\/\/|dbk_|bearer|basic|passw|secret|token|api[_-]?key|authorization|cookie/i;

export function redactSecrets(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let result = text;
  for (const [pattern, replacement] of TEXT_RULES) result = result.replace(pattern, replacement);
  return result.replace(SECRET_PAIR, (pair: string, key: string, separator: string, value: string) =>
    PUBLIC_VALUES.has(value) ? pair : `${key}${separator}${REDACTED}`,
  );
}

/** Fields masked wherever pino serializes them (request headers of the access line, objects passed to the logger). */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'key',
  '*.key',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'databaseUrl',
  '*.databaseUrl',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
];
