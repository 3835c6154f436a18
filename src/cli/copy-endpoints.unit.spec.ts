import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSource, openUrl, redact } from './copy-endpoints';

describe('copy endpoints', () => {
  it('prints URLs without their password', () => {
    expect(redact('postgres://app:s3cret@db.internal:5432/directorybolt')).toBe('postgres://app:***@db.internal:5432/directorybolt');
    expect(redact('postgres://postgres@127.0.0.1:5432/x')).toBe('postgres://postgres@127.0.0.1:5432/x');
  });

  it('refuses what is neither a postgres URL nor embedded', () => {
    expect(() => openUrl('mysql://u:pw@h/db')).toThrow('"mysql://u:***@h/db" is neither a postgres:// URL nor embedded[:<data dir>]');
  });

  it('refuses an embedded source without a database, and creates none there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dbolt-copy-none-'));
    try {
      await expect(openSource(`embedded:${dir}`, '/unused')).rejects.toThrow(`There is no embedded database in ${dir} (no pg folder)`);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
