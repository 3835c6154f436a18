import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: unguessable, and opaque (it says nothing about who it belongs to). */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored and looked up: a fast hash is enough for a random 256-bit token. */
export function sessionTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
