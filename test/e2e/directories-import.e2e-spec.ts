import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { runCliCaptured, type CliResult } from '../support/cli-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface DirectoryRow {
  id: string;
  domain: string;
  difficulty: string;
  active: boolean;
  form_mapping: unknown;
  learned_mapping: unknown;
}

const entry = (id: string, extra: object = {}): object => ({
  id,
  name: `Directory ${id}`,
  url: `https://${id}.test`,
  submissionUrl: `https://www.${id}.test/submit`,
  domainAuthority: 40,
  category: 'local',
  difficulty: 'medium',
  requiresLogin: false,
  hasCaptcha: true,
  formMapping: { businessName: ['#name'], email: ['#email', 'input[type=email]'], logo: ['input[type=file]'] },
  ...extra,
});

/** `directories import <file>` in-process, as `npm run cli` runs it (the built dist/ is not needed). */
describe('CLI: directories import (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let dir: string;

  const cli = (...args: string[]): Promise<CliResult> => runCliCaptured(config, ...args);
  const file = async (name: string, content: unknown): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const rows = async (): Promise<DirectoryRow[]> =>
    (await db.pool.query<DirectoryRow>('SELECT id, domain, difficulty, active, form_mapping, learned_mapping FROM directories ORDER BY id'))
      .rows;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_dir_import');
    dir = await mkdtemp(join(tmpdir(), 'dbolt-test-dir-import-'));
    config = loadConfig({ DATABASE_URL: db.url, DATA_DIR: dir, MIGRATE_ON_BOOT: 'false' });
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('inserts the seed file, then updates on a second import without touching learned mappings', async () => {
    const seed = await file('seed.json', [entry('alpha'), entry('beta')]);
    expect(await cli('directories', 'import', seed)).toMatchObject({
      code: 0,
      out: `imported 2 directories from ${seed}: 2 inserted, 0 updated`,
    });
    expect(await rows()).toEqual([
      {
        id: 'alpha',
        domain: 'www.alpha.test',
        difficulty: 'medium',
        active: true,
        learned_mapping: null,
        form_mapping: { businessName: ['#name'], email: ['#email', 'input[type=email]'], logo: ['input[type=file]'] },
      },
      expect.objectContaining({ id: 'beta', domain: 'www.beta.test' }),
    ]);
    await db.pool.query(`UPDATE directories SET learned_mapping = '{"city":["#c"]}', active = false WHERE id = 'alpha'`);
    const next = await file('next.json', { directories: [entry('alpha', { difficulty: 'hard' }), entry('gamma')] });
    expect(await cli('directories', 'import', next)).toMatchObject({
      code: 0,
      out: `imported 2 directories from ${next}: 1 inserted, 1 updated`,
    });
    expect((await rows())[0]).toMatchObject({ id: 'alpha', difficulty: 'hard', active: true, learned_mapping: { city: ['#c'] } });
  });

  it('--dry-run checks the file and writes nothing', async () => {
    const path = await file('dry.json', [entry('delta')]);
    expect(await cli('directories', 'import', path, '--dry-run')).toMatchObject({
      code: 0,
      out: `${path}: 1 directories, all valid (nothing written)`,
    });
    expect((await rows()).map((r) => r.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('exits 1 naming each bad entry and field, and imports none of the file', async () => {
    const path = await file('bad.json', [
      entry('epsilon'),
      entry('zeta', { url: 'javascript:alert(1)' }),
      entry('eta', { formMapping: { email: [''] } }),
    ]);
    const { code, err } = await cli('directories', 'import', path);
    expect(code).toBe(1);
    expect(err).toContain(`${path}: nothing imported; problems:`);
    expect(err).toContain('directories[1] ("zeta").url: must be an http:// or https:// URL');
    expect(err).toContain('directories[2] ("eta").formMapping.email[0]: a selector must be a non-empty string');
    expect((await rows()).map((r) => r.id)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('refuses directory URLs that reach loopback, private or metadata addresses unless allowlisted, dry run included', async () => {
    const path = await file('inside.json', [
      entry('theta', { submissionUrl: 'http://169.254.169.254/latest/meta-data' }),
      entry('iota', { url: 'http://localhost:8080/' }),
      entry('kappa', { submissionUrl: 'http://10.1.2.3/add' }),
      entry('lambda'),
    ]);
    for (const args of [[path], [path, '--dry-run']]) {
      const { code, err } = await cli('directories', 'import', ...args);
      expect(code).toBe(1);
      expect(err).toContain('directories[0] ("theta").submissionUrl: refused, 169.254.169.254 is a cloud metadata address');
      expect(err).toMatch(/directories\[1\] \("iota"\)\.url: refused, localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
      expect(err).toContain('directories[2] ("kappa").submissionUrl: refused, 10.1.2.3 is a private (RFC 1918) address');
      expect(err).not.toContain('lambda');
    }
    expect((await rows()).map((r) => r.id)).toEqual(['alpha', 'beta', 'gamma']);
    const allowing = { ...config, outbound: { directoryUrlAllowlist: ['localhost', '::1', '127.0.0.1', '10.0.0.0/8', '169.254.169.254'] } };
    expect(await runCliCaptured(allowing, 'directories', 'import', path)).toMatchObject({ code: 0 });
  });

  it('exits 1 with a one-line message for a file that is missing, not JSON or not a list', async () => {
    const missing = join(dir, 'missing.json');
    expect(await cli('directories', 'import', missing)).toMatchObject({
      code: 1,
      err: expect.stringContaining(`cannot read ${missing}: ENOENT`),
    });
    const broken = await file('broken.json', '[{"id": ');
    const notJson = await cli('directories', 'import', broken);
    expect(notJson).toMatchObject({ code: 1, err: expect.stringContaining(`${broken} is not valid JSON`) });
    expect(notJson.err).not.toMatch(/\n\s+at /);
    const object = await file('object.json', { id: 'x' });
    expect(await cli('directories', 'import', object)).toMatchObject({
      code: 1,
      err: expect.stringContaining('expected an array of directories'),
    });
    expect(await cli('directories', 'import')).toMatchObject({ code: 1, err: expect.stringContaining("missing required argument 'file'") });
  });
});
