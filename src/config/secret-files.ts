import { readFileSync } from 'node:fs';
import type { ConfigSection } from './config-sections';
import type { Env } from './env-reader';

/**
 * Every setting that holds a secret (or a URL that may carry a password), with the section whose
 * validation it belongs to. Each also accepts `<NAME>_FILE`: the Docker/Kubernetes secrets convention.
 */
export const SECRET_SETTINGS: Readonly<Record<string, ConfigSection>> = {
  DATABASE_URL: 'database',
  EVENTSTORE_URL: 'eventStore',
  AUTOBOLT_API_KEYS: 'http',
  SQS_ACCESS_KEY_ID: 'runtime',
  SQS_SECRET_ACCESS_KEY: 'runtime',
  REDIS_URL: 'runtime',
  ALERT_SLACK_WEBHOOK_URL: 'runtime',
  ALERT_PAGERDUTY_ROUTING_KEY: 'runtime',
  MAPPING_SERVICE_TOKEN: 'runtime',
};

export type ReadSecretFile = (path: string) => string;

const readUtf8: ReadSecretFile = (path) => readFileSync(path, 'utf8');

/**
 * The environment with every `<NAME>_FILE` replaced by `<NAME>` = the file's content (one trailing
 * newline removed). Problems name the settings and the path, never what the file holds.
 */
export function withSecretFiles(env: Env, problems: Record<ConfigSection, string[]>, readFile: ReadSecretFile = readUtf8): Env {
  const resolved: Record<string, string | undefined> = { ...env };
  for (const [name, section] of Object.entries(SECRET_SETTINGS)) {
    const path = env[`${name}_FILE`]?.trim();
    if (!path) continue;
    if (env[name]?.trim()) {
      problems[section].push(`${name} and ${name}_FILE are both set: set only one of them`);
      continue;
    }
    const value = readSecret(path, readFile);
    if (value.ok) resolved[name] = value.secret;
    else problems[section].push(`${name}_FILE: ${value.problem}`);
  }
  return resolved;
}

type SecretRead = { readonly ok: true; readonly secret: string } | { readonly ok: false; readonly problem: string };

function readSecret(path: string, readFile: ReadSecretFile): SecretRead {
  let content: string;
  try {
    content = readFile(path);
  } catch (error) {
    // The error's code only (ENOENT, EACCES, EISDIR): its message could quote more than the path.
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { ok: false, problem: `cannot read ${path} (${code})` };
  }
  const secret = content.replace(/\r?\n$/, '');
  return secret.trim() === '' ? { ok: false, problem: `${path} is empty` } : { ok: true, secret };
}
