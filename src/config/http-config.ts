import { readAuthConfig, type AuthConfig } from './auth-config';
import type { EnvReader } from './env-reader';

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  readonly auth: AuthConfig;
  /** X-API-Key values accepted on /api/autobolt/*; empty: only staff may call them. */
  readonly autoboltApiKeys: readonly string[];
  readonly httpBodyLimitBytes: number;
}

export function readHttpConfig(read: EnvReader, problems: string[]): HttpConfig {
  return {
    port: read.int('PORT', 3000, 0, 65535),
    host: read.string('HOST', '127.0.0.1'),
    auth: readAuthConfig(read),
    autoboltApiKeys: readApiKeys(read.string('AUTOBOLT_API_KEYS', ''), problems),
    httpBodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
  };
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
