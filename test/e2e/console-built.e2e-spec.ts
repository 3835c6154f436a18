import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONSOLE_ASSETS_DIR } from '../../src/console/console.setup';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The build copies the console's files (nest-cli.json assets): the built app serves each, byte for byte (needs `npx nest build` first). */
describe('the built app (dist/) serves the operations console', () => {
  let db: TestDatabase;
  let built: AppProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_console_built');
  });
  afterAll(async () => {
    if (built && built.child.exitCode === null) {
      built.child.kill('SIGTERM');
      await built.exited;
    }
    await db?.drop();
  });

  it('serves every asset of src/console/public, and not its tsconfig', async () => {
    built = await startAppProcess({ DATABASE_URL: db.url, ROLES: 'api', DEMO: 'false' });
    await waitForHealth(built);
    const base = `http://127.0.0.1:${built.port}/console`;
    const assets = (await readdir(CONSOLE_ASSETS_DIR)).filter((name) => /\.(html|css|js)$/.test(name));
    expect(assets).toEqual(expect.arrayContaining(['index.html', 'main.js', 'console.css']));
    for (const name of assets) {
      const response = await fetch(`${base}/${name}`);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect(await response.text()).toBe(await readFile(join(CONSOLE_ASSETS_DIR, name), 'utf8'));
    }
    const index = await fetch(`${base}/`);
    expect(await index.text()).toContain('<title>DirectoryBolt console</title>');
    expect((await fetch(`${base}/tsconfig.json`)).status).toBe(404);
  }, 120_000);
});
