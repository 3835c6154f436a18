import type { EnvReader } from './env-reader';
import { isLoopbackHost } from './loopback-host';

/** Only for embedded mode on a loopback HOST; otherwise a real token must be configured. */
export const EMBEDDED_STAFF_TOKEN = 'dev-staff-token';

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  /** Empty when none was configured and the built-in one is not allowed: every staff request is refused. */
  readonly staffApiToken: string;
  /** API keys live in the database (table api_keys); these say how they age and rotate. */
  readonly apiKeys: ApiKeySettings;
  readonly httpBodyLimitBytes: number;
}

export interface ApiKeySettings {
  /** How long a rotated key keeps working beside its successor. */
  readonly rotationGraceHours: number;
  /** A usable key older than this is flagged `stale` (due for rotation) in the admin listing. */
  readonly staleAfterDays: number;
}

export function readHttpConfig(read: EnvReader, problems: string[], databaseUrl: string | null): HttpConfig {
  const host = read.string('HOST', '127.0.0.1');
  return {
    port: read.int('PORT', 3000, 0, 65535),
    host,
    staffApiToken: readStaffToken(read, problems, databaseUrl, host),
    apiKeys: readApiKeySettings(read, problems),
    httpBodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
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

function readApiKeySettings(read: EnvReader, problems: string[]): ApiKeySettings {
  // Refused rather than ignored: an upgrade that silently dropped these keys would lock their callers out.
  if (read.string('AUTOBOLT_API_KEYS', '') !== '') {
    problems.push('AUTOBOLT_API_KEYS is no longer read: keys live in the database; import them with `npm run cli -- api-keys import --name <name>` (see README), then unset it');
  }
  return {
    rotationGraceHours: read.int('API_KEY_ROTATION_GRACE_HOURS', 24, 0, 720),
    staleAfterDays: read.int('API_KEY_STALE_DAYS', 90, 1, 3650),
  };
}
