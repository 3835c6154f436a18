import { createHash, randomBytes } from 'node:crypto';

/** Recognisable in a log, a diff or a secret scanner's rules. */
export const API_KEY_PREFIX = 'dbk_';
const KEY_BYTES = 32;
const SHOWN_RANDOM_CHARS = 8;
/** Imported (older) keys: the rule AUTOBOLT_API_KEYS had. */
const MIN_IMPORTED_LENGTH = 24;
const VISIBLE_ASCII = /^[\x21-\x7E]+$/;

/** 256 random bits, base64url: shown once, never stored. */
export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(KEY_BYTES).toString('base64url');
}

/**
 * SHA-256, unsalted, on purpose: a slow salted KDF protects guessable passwords, but nobody can
 * enumerate 2^256 random keys however fast the hash, and a deterministic hash lets a request find
 * its key in one indexed lookup without a KDF's cost on every call.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Enough to tell keys apart in a listing: 8 of a generated key's 43 random characters; 4 of an imported one's. */
export function displayPrefix(key: string): string {
  return key.startsWith(API_KEY_PREFIX) ? key.slice(0, API_KEY_PREFIX.length + SHOWN_RANDOM_CHARS) : key.slice(0, 4);
}

/** Why an imported key is refused, or null. Never quotes the key: the message may reach a log. */
export function importedKeyProblem(key: string): string | null {
  if (key.length >= MIN_IMPORTED_LENGTH && VISIBLE_ASCII.test(key)) return null;
  return `must be at least ${MIN_IMPORTED_LENGTH} visible ASCII characters without spaces`;
}
