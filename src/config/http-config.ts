import { readAuthConfig, type AuthConfig } from './auth-config';
import type { EnvReader } from './env-reader';

export const MAX_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export interface HttpConfig {
  readonly port: number;
  readonly host: string;
  readonly auth: AuthConfig;
  /** API keys live in the database (table api_keys); these say how they age and rotate. */
  readonly apiKeys: ApiKeySettings;
  readonly httpBodyLimitBytes: number;
  /** Serve the OpenAPI document and its UI at /api/docs. */
  readonly apiDocs: boolean;
}

export interface ApiKeySettings {
  /** How long a rotated key keeps working beside its successor. */
  readonly rotationGraceHours: number;
  /** A usable key older than this is flagged `stale` (due for rotation) in the admin listing. */
  readonly staleAfterDays: number;
}

export function readHttpConfig(read: EnvReader, problems: string[]): HttpConfig {
  return {
    port: read.int('PORT', 3000, 0, 65535),
    host: read.string('HOST', '127.0.0.1'),
    auth: readAuthConfig(read),
    apiKeys: readApiKeySettings(read, problems),
    // Default and ceiling 10 MB (audit §5.1; docs/requirements.md R-API-16).
    httpBodyLimitBytes: read.int('HTTP_BODY_LIMIT_BYTES', MAX_BODY_LIMIT_BYTES, 1024, MAX_BODY_LIMIT_BYTES),
    apiDocs: read.bool('API_DOCS', true),
  };
}

function readApiKeySettings(read: EnvReader, problems: string[]): ApiKeySettings {
  // Refused rather than ignored: an upgrade that silently dropped these keys would lock their callers out.
  if (read.string('AUTOBOLT_API_KEYS', '') !== '') {
    problems.push(
      'AUTOBOLT_API_KEYS is no longer read: keys live in the database; import them with `npm run cli -- api-keys import --name <name>` (see README), then unset it',
    );
  }
  return {
    rotationGraceHours: read.int('API_KEY_ROTATION_GRACE_HOURS', 24, 0, 720),
    staleAfterDays: read.int('API_KEY_STALE_DAYS', 90, 1, 3650),
  };
}
