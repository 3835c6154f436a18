import { ageDays, apiKeyStatus, graceEnd, isUsable, rotationRefusal, successorExpiry, type ApiKeyLifecycle } from './api-key-status';
import { displayPrefix, hashApiKey, importedKeyProblem, newApiKey } from './api-key-secret';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);
const key = (fields: Partial<ApiKeyLifecycle> = {}): ApiKeyLifecycle => ({
  createdAt: T0,
  expiresAt: null,
  rotatedAt: null,
  graceEndsAt: null,
  revokedAt: null,
  ...fields,
});

describe('apiKeyStatus: is this key usable at time t', () => {
  it('a fresh key is active, and stays active without an expiry', () => {
    expect(apiKeyStatus(key(), T0)).toBe('active');
    expect(apiKeyStatus(key(), at(24 * 3650))).toBe('active');
  });

  it('an expiring key is active before its expiry and expired from that instant', () => {
    const expiring = key({ expiresAt: at(10) });
    expect(apiKeyStatus(expiring, at(9.99))).toBe('active');
    expect(apiKeyStatus(expiring, at(10))).toBe('expired');
  });

  it('a revoked key is refused at once, whatever the clock says', () => {
    expect(apiKeyStatus(key({ revokedAt: at(5) }), at(5))).toBe('revoked');
    expect(apiKeyStatus(key({ revokedAt: at(5) }), at(1))).toBe('revoked');
    expect(apiKeyStatus(key({ revokedAt: at(5), rotatedAt: at(4), graceEndsAt: at(28) }), at(6))).toBe('revoked');
  });

  it('a rotated key works until its grace ends, then not', () => {
    const rotated = key({ rotatedAt: at(1), graceEndsAt: at(25) });
    expect(apiKeyStatus(rotated, at(1))).toBe('in_grace');
    expect(apiKeyStatus(rotated, at(24.99))).toBe('in_grace');
    expect(apiKeyStatus(rotated, at(25))).toBe('rotated');
    expect(apiKeyStatus(key({ rotatedAt: at(1), graceEndsAt: at(1) }), at(1))).toBe('rotated');
  });

  it('an expiry inside the grace still ends the key', () => {
    expect(apiKeyStatus(key({ expiresAt: at(3), rotatedAt: at(1), graceEndsAt: at(25) }), at(3))).toBe('expired');
  });

  it('only active and in-grace keys are usable', () => {
    expect(['active', 'in_grace', 'rotated', 'expired', 'revoked'].map((s) => isUsable(s as never))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('ages, rotation and expiry of successors', () => {
  it('counts whole days, never negative', () => {
    expect(ageDays(key(), at(23.9))).toBe(0);
    expect(ageDays(key(), at(24 * 91))).toBe(91);
    expect(ageDays(key(), at(-5))).toBe(0);
  });

  it('rotates only the current key of a name', () => {
    expect(rotationRefusal(key())).toBeNull();
    expect(rotationRefusal(key({ expiresAt: at(1) }))).toBeNull();
    expect(rotationRefusal(key({ rotatedAt: at(1), graceEndsAt: at(2) }))).toBe('rotated');
    expect(rotationRefusal(key({ revokedAt: at(1), rotatedAt: at(1) }))).toBe('revoked');
  });

  it('gives a successor the lifetime its predecessor had, counted from the rotation', () => {
    expect(successorExpiry(key(), at(100))).toBeNull();
    expect(successorExpiry(key({ expiresAt: at(48) }), at(10))).toEqual(at(58));
    expect(graceEnd(at(10), 24)).toEqual(at(34));
  });
});

describe('key material', () => {
  it('issues dbk_ + 43 base64url characters (32 random bytes), different every time', () => {
    const [a, b] = [newApiKey(), newApiKey()];
    expect(a).toMatch(/^dbk_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
  });

  it('hashes with SHA-256 and shows only a short prefix', () => {
    expect(hashApiKey('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(displayPrefix('dbk_ABCDEFGHIJKLMNOP')).toBe('dbk_ABCDEFGH');
    expect(displayPrefix('legacy-key-0123456789abcdef')).toBe('lega');
  });

  it('imports only keys as long and plain as AUTOBOLT_API_KEYS required', () => {
    expect(importedKeyProblem('x'.repeat(24))).toBeNull();
    expect(importedKeyProblem('x'.repeat(23))).toMatch(/at least 24/);
    expect(importedKeyProblem(`${'x'.repeat(24)} y`)).toMatch(/without spaces/);
  });
});
