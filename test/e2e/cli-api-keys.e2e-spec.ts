import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { cliConfigSections } from '../../src/config/config-sections';
import { bootApp } from '../support/app-harness';
import { pipeToBuiltCli, type BuiltCliRun } from '../support/built-cli';
import { runCliCaptured } from '../support/cli-harness';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const LEGACY_A = 'legacy-autobolt-key-a-0123456789';
const LEGACY_B = 'legacy-autobolt-key-b-0123456789';
const sha256 = (key: string): string => createHash('sha256').update(key).digest('hex');

describe('api-keys CLI: import existing keys, create a new one (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let config: AppConfig;

  /** The built CLI (`npm run cli`, needs `npx nest build`) with `input` piped to its stdin. */
  const piped = (input: string, ...args: string[]): Promise<BuiltCliRun> =>
    pipeToBuiltCli({ DATABASE_URL: db.url }, input, 'api-keys', ...args);
  const rows = async (): Promise<{ name: string; hash: string; scopes: string[]; created_by: object }[]> =>
    (await db.pool.query("SELECT name, encode(key_hash, 'hex') AS hash, scopes, created_by FROM api_keys ORDER BY name")).rows;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_cli_api_keys');
    // As the CLI loads it: the api-keys commands need no HTTP setting.
    config = loadConfig({ DATABASE_URL: db.url, MIGRATE_ON_BOOT: 'false' }, cliConfigSections('api-keys'));
  });
  afterAll(async () => db?.drop());

  it('imports the keys AUTOBOLT_API_KEYS held (comma-separated or one a line) as hashes; a re-run adds nothing', async () => {
    const first = await piped(`${LEGACY_A},${LEGACY_B}\n`, 'import', '--name', 'autobolt');
    expect(first).toMatchObject({
      code: 0,
      out: expect.stringMatching(/imported autobolt-1 .*prefix lega.*\n.*imported autobolt-2 [^]*\n2 imported, 0 already present$/),
    });
    expect(await rows()).toEqual([
      { name: 'autobolt-1', hash: sha256(LEGACY_A), scopes: ['autobolt'], created_by: { kind: 'system', id: 'cli' } },
      { name: 'autobolt-2', hash: sha256(LEGACY_B), scopes: ['autobolt'], created_by: { kind: 'system', id: 'cli' } },
    ]);
    expect(`${first.out}${first.err}`).not.toContain(LEGACY_A.slice(4));
    expect(await piped(`${LEGACY_B}\n${LEGACY_A}\n`, 'import', '--name', 'autobolt')).toMatchObject({
      code: 0,
      out: '0 imported, 2 already present',
    });
    expect(await rows()).toHaveLength(2);
  });

  it('refuses an unfit key, an unknown scope or a taken name, importing nothing', async () => {
    const short = await piped('short-secret\n', 'import', '--name', 'other');
    expect(short).toMatchObject({ code: 1, err: expect.stringContaining('nothing imported: key 1 must be at least 24') });
    expect(short.err).not.toContain('short-secret');
    const scope = await piped(`${LEGACY_A}x\n`, 'import', '--name', 'other', '--scopes', 'autobolt,root');
    expect(scope).toMatchObject({ code: 1, err: expect.stringContaining('Unknown scope "root"') });
    const taken = await piped('another-legacy-key-0123456789\n', 'import', '--name', 'autobolt-1');
    expect(taken).toMatchObject({ code: 1, err: expect.stringContaining('"autobolt-1" already exists') });
    expect(await rows()).toHaveLength(2);
  });

  it('create prints a new key once and stores only its hash', async () => {
    const created = await runCliCaptured(config, 'api-keys', 'create', '--name', 'scraper', '--scopes', 'metrics');
    expect(created.code).toBe(0);
    const key = created.out.split('\n').at(-1) ?? '';
    expect(key).toMatch(/^dbk_[A-Za-z0-9_-]{43}$/);
    expect((await rows()).find((row) => row.name === 'scraper')).toMatchObject({ hash: sha256(key), scopes: ['metrics'] });
  });

  describe('the app on the same database', () => {
    let app: INestApplication;
    const http = (): App => app.getHttpServer() as App;

    beforeAll(async () => {
      app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api' });
      await app.listen(0, '127.0.0.1');
    });
    afterAll(async () => app?.close());

    it('accepts an imported key on /api/autobolt/*', async () => {
      await request(http()).get('/api/autobolt/dynamic-mapping').set('X-API-Key', LEGACY_A).expect(200);
      await request(http()).get('/api/autobolt/dynamic-mapping').set('X-API-Key', `${LEGACY_A}x`).expect(401);
    });
  });
});
