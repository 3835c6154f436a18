import { createHash } from 'node:crypto';
import type { Actor } from '../event-store/event-store.port';
import { constantTimeEquals } from './constant-time';

/** Names a key in the audit trail without revealing it: `key-` + the first 8 hex of its SHA-256. */
export function apiKeyActor(key: string): Actor {
  return { kind: 'api_key', id: `key-${createHash('sha256').update(key).digest('hex').slice(0, 8)}` };
}

/** The configured key equal to `given`, or null. Compares against every key, so timing says nothing about which. */
export function matchApiKey(given: string, keys: readonly string[]): string | null {
  let matched: string | null = null;
  for (const key of keys) {
    if (constantTimeEquals(given, key)) matched = key;
  }
  return matched;
}

/** The actor of a configured key, or null (async: where keys are kept may change). */
export async function apiKeyActorFor(given: string, keys: readonly string[]): Promise<Actor | null> {
  const matched = matchApiKey(given, keys);
  return matched === null ? null : apiKeyActor(matched);
}
