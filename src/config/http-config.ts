import type { EnvReader } from './env-reader';
import { isLoopbackHost } from './loopback-host';

/** Only for embedded mode on a loopback HOST; otherwise a real token must be configured. */
export const EMBEDDED_STAFF_TOKEN = 'dev-staff-token';

export const MAX_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  /** Empty when none was configured and the built-in one is not allowed: every staff request is refused. */
  readonly staffApiToken: string;
  /** X-API-Key values accepted on /api/autobolt/*; empty: only staff may call them. */
  readonly autoboltApiKeys: readonly string[];
  readonly httpBodyLimitBytes: number;
}

export function readHttpConfig(read: EnvReader, problems: string[], databaseUrl: string | null): HttpConfig {
  const host = read.string('HOST', '127.0.0.1');
  return {
    port: read.int('PORT', 3000, 0, 65535),
    host,
    staffApiToken: readStaffToken(read, problems, databaseUrl, host),
    autoboltApiKeys: readApiKeys(read.string('AUTOBOLT_API_KEYS', ''), problems),
    // Default 1 MiB, never above 10 MB (docs/requirements.md R-API-16).
    httpBodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1024 * 1024, 1024, MAX_BODY_LIMIT_BYTES),
  };
}

function readStaffToken(read: EnvReader, problems: string[], databaseUrl: string | null, host: string): string {
  const token = read.string('STAFF_API_TOKEN', '');
  if (token) {
    if (token.length < 12) problems.push('STAFF_API_TOKEN must be at least 12 characters');
    return token;
  }
  if (databaseUrl) {
    problems.push('STAFF_API_TOKEN is required when DATABASE_URL is set (the built-in token is for embedded mode only)');
    return '';
  }
  // The built-in token is public: it may only guard an API that nothing outside this machine can reach.
  if (!isLoopbackHost(host)) {
    problems.push(`STAFF_API_TOKEN is required when HOST is not a loopback address (got "${host}"; the built-in token is for a local API only)`);
    return '';
  }
  return EMBEDDED_STAFF_TOKEN;
}

const MIN_API_KEY_LENGTH = 24;
const API_KEY = /^[\x21-\x7E]+$/;

/** Problems name the key by position only: a key must never reach a log line. */
function readApiKeys(value: string, problems: string[]): readonly string[] {
  const keys = value.split(',').map((key) => key.trim()).filter((key) => key !== '');
  keys.forEach((key, index) => {
    if (key.length < MIN_API_KEY_LENGTH || !API_KEY.test(key)) {
      problems.push(`AUTOBOLT_API_KEYS: key ${index + 1} must be at least ${MIN_API_KEY_LENGTH} visible ASCII characters without spaces`);
    }
  });
  return [...new Set(keys)];
}
