import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bootApp } from '../support/app-harness';
import { startAppProcess, waitForHealth, type AppProcess } from '../support/app-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Jest compiles through @swc/jest and the build through tsc: both must load the same plugin
 * metadata and so serve the same document (needs `npx nest build` first, as `npm test` does).
 */
describe('the built app (dist/) serves the same OpenAPI document as the tests see', () => {
  let db: TestDatabase;
  let app: INestApplication | undefined;
  let built: AppProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_api_docs_built');
  });
  afterAll(async () => {
    await app?.close();
    if (built && built.child.exitCode === null) {
      built.child.kill('SIGTERM');
      await built.exited;
    }
    await db?.drop();
  });

  it('is identical, DTO fields and doc-comment summaries included', async () => {
    const env = { DATABASE_URL: db.url, ROLES: 'api', DEMO: 'false' };
    app = await bootApp(env);
    const inProcess = (
      await request(app.getHttpServer() as App)
        .get('/api/docs/openapi.json')
        .expect(200)
    ).body as { paths: object };
    built = await startAppProcess(env);
    await waitForHealth(built);
    const response = await fetch(`http://127.0.0.1:${built.port}/api/docs/openapi.json`);
    expect(response.status).toBe(200);
    const fromBuild = (await response.json()) as { components: { schemas: Record<string, { properties?: object }> } };
    expect(Object.keys(fromBuild.components.schemas.SignInDto.properties ?? {})).toEqual(['email', 'password']);
    expect(fromBuild).toEqual(inProcess);
  }, 120_000);
});
