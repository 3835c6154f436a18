import { dummyPasswordHash, hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyPassword } from './password-hashing';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the algorithm and its parameters with a fresh salt, and the default is memory-hard', async () => {
    const stored = await hashPassword('correct horse battery');
    const [algorithm, N, r, p, salt, hash] = stored.split('$');
    expect({ algorithm, N: Number(N), r: Number(r), p: Number(p) }).toEqual({ algorithm: 'scrypt', ...PASSWORD_HASH_PARAMS });
    // 128 · N · r bytes: at least 32 MiB per hash.
    expect(128 * PASSWORD_HASH_PARAMS.N * PASSWORD_HASH_PARAMS.r).toBeGreaterThanOrEqual(32 * 1024 * 1024);
    expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery', CHEAP);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('checks a hash with the parameters it was stored with, and says when they are not the current ones', async () => {
    const old = await hashPassword('a long enough password', CHEAP);
    expect(await verifyPassword('a long enough password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, CHEAP)).toBe(false);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$c2FsdA$aGFzaA', 'bcrypt$1$2$3$4$5', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword('anything', stored)).toBe(false);
    }
  });

  it('has one dummy hash, which no password matches', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword('', dummy)).toBe(false);
  });
});
