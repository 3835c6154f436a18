import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM: a 32-byte data key per customer, a fresh 12-byte IV per value, a 16-byte tag. */
export const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/**
 * `aad` binds the ciphertext to where it belongs (stream and event type), so a sealed value
 * copied into another customer's event does not open there.
 */
export function seal(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}

/** Throws SealedValueError on a malformed value, a wrong key or tampering (GCM's tag check). */
export function open(key: Buffer, sealed: string, aad: string): string {
  const [format, iv, tag, body, ...rest] = sealed.split('.');
  if (format !== FORMAT || rest.length > 0 || iv === undefined || tag === undefined || body === undefined) {
    throw new SealedValueError('Not a sealed value of format v1');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueError('A sealed value did not open: wrong key or altered data');
  }
}
