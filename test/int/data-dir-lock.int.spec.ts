import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError } from '../../src/database/data-dir-lock';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

describe('embedded data directory lock', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dbolt-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second PGlite on a directory in use, and frees it on stop', async () => {
    const first = await EmbeddedPostgres.start({ dataDir: dir, port: 0, maxConnections: 4 });
    await expect(EmbeddedPostgres.start({ dataDir: dir, port: 0, maxConnections: 4 })).rejects.toThrow(DataDirInUseError);
    await expect(EmbeddedPostgres.start({ dataDir: dir, port: 0, maxConnections: 4 })).rejects.toThrow(/in use by process \d+/);
    await first.stop();
    const second = await EmbeddedPostgres.start({ dataDir: dir, port: 0, maxConnections: 4 });
    await second.stop();
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    await writeFile(join(dir, 'directorybolt.pid'), '2147483646'); // no such process
    const db = await EmbeddedPostgres.start({ dataDir: dir, port: 0, maxConnections: 4 });
    await db.stop();
  });
});
