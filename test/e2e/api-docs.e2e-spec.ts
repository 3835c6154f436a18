import 'reflect-metadata';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenAPI } from 'openapi-types';
import { chromium } from 'playwright';
import request from 'supertest';
import type { App } from 'supertest/types';
import { MAX_PASSWORD_LENGTH } from '../../src/auth/passwords/password-hashing';
import { MAX_PAGE_LIMIT } from '../../src/http/page-limit.dto';
import { apiRouteKeys, documentedKeys, guardedRoutes, undocumentedRoutes } from '../support/api-docs-routes';
import { bootApp } from '../support/app-harness';
import { mountedRoutes } from '../support/fuzz/route-table';
import { STACK_TRACE } from '../support/jobs-api-suite';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** What helmet() sends by default, which the API keeps. */
const HELMET_DEFAULT_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests";
/** Routes anyone may call: signing in, and the health probes (liveness and readiness may join `/api/health`). */
const PUBLIC = ['POST /api/auth/login', 'POST /api/customer/auth', 'GET /api/health'];
const PUBLIC_ROUTE = /^(POST \/api\/auth\/login|POST \/api\/customer\/auth|GET \/api\/health(\/[^ ]*)?)$/;

type Operation = { security?: Record<string, string[]>[]; responses: Record<string, unknown>; parameters?: { name: string; in: string }[] };

function operation(document: OpenAPIObject, key: string): Operation {
  const [method, path] = key.split(' ');
  return (document.paths[path] as Record<string, Operation>)[method.toLowerCase()];
}

describe('OpenAPI document and UI at /api/docs (machine PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let document: OpenAPIObject;
  const http = (): App => app.getHttpServer() as App;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_api_docs');
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api' });
    const response = await request(http()).get('/api/docs/openapi.json').expect(200).expect('content-type', /json/);
    document = response.body as OpenAPIObject;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('is a valid OpenAPI document (swagger-parser)', async () => {
    const validated = await SwaggerParser.validate(structuredClone(document) as unknown as OpenAPI.Document);
    expect(validated.info).toMatchObject({ title: 'DirectoryBolt API', version: expect.any(String) });
    expect(document.openapi).toMatch(/^3\./);
  });

  it('lists every route the app serves, and nothing it does not', () => {
    const served = apiRouteKeys(mountedRoutes(app));
    expect(served.length).toBeGreaterThan(30);
    expect(undocumentedRoutes(mountedRoutes(app), document)).toEqual([]);
    expect(documentedKeys(document)).toEqual(served);
  });

  it('reports a route the document leaves out (the check can fail)', () => {
    const [first] = apiRouteKeys(mountedRoutes(app));
    const path = first.split(' ')[1];
    const { [path]: _dropped, ...rest } = document.paths;
    expect(undocumentedRoutes(mountedRoutes(app), { ...document, paths: rest })).toContain(first);
  });

  it('says how each route authenticates: guarded routes need a session (or an API key), public ones nothing', () => {
    expect(document.components?.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    const routes = guardedRoutes(app);
    expect(routes.map((route) => route.key).sort()).toEqual(documentedKeys(document));
    for (const route of routes) {
      const schemes = (operation(document, route.key).security ?? []).flatMap((requirement) => Object.keys(requirement)).sort();
      const expected = route.guards.length === 0 ? [] : route.guards.includes('StaffOrApiKeyGuard') ? ['apiKey', 'session'] : ['session'];
      expect({ route: route.key, schemes }).toEqual({ route: route.key, schemes: expected });
    }
    const unguarded = routes.filter((route) => route.guards.length === 0).map((route) => route.key);
    expect(unguarded).toEqual(expect.arrayContaining(PUBLIC));
    expect(unguarded.filter((key) => !PUBLIC_ROUTE.test(key))).toEqual([]);
  });

  it('documents request DTOs from their class-validator rules, and headers the routes read', () => {
    const schemas = document.components?.schemas ?? {};
    expect(schemas.SignInDto).toMatchObject({
      required: ['email', 'password'],
      properties: {
        email: { type: 'string', format: 'email', maxLength: 254 },
        password: { type: 'string', maxLength: MAX_PASSWORD_LENGTH },
      },
    });
    // Limits given as constants (`@Max(MAX_PAGE_LIMIT)`) as well as literals.
    expect(operation(document, 'GET /api/queue/{customerId}').parameters).toContainEqual(
      expect.objectContaining({ name: 'limit', in: 'query', schema: expect.objectContaining({ minimum: 1, maximum: MAX_PAGE_LIMIT }) }),
    );
    expect(schemas.RetryJobDto).toMatchObject({ required: ['reason'], properties: { directoryIds: { type: 'array', minItems: 1 } } });
    const login = document.paths['/api/auth/login'].post;
    expect(login?.requestBody).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/SignInDto' } } } });
    const submissions = operation(document, 'GET /api/jobs/{id}/submissions');
    expect(submissions.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path' }),
        expect.objectContaining({ name: 'status', in: 'query' }),
      ]),
    );
    expect(operation(document, 'POST /api/queue/{customerId}').parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }),
    );
    expect(operation(document, 'POST /api/jobs/{id}/cancel').parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
  });

  it('gives every route that reads a body a request body with fields (a DTO missing from the metadata has none)', () => {
    const schemas = document.components?.schemas ?? {};
    const readers = guardedRoutes(app).filter((route) => route.readsBody);
    expect(readers.length).toBeGreaterThan(10);
    for (const { key } of readers) {
      const body = (operation(document, key) as { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }).requestBody;
      const schema = body?.content?.['application/json']?.schema;
      expect({ key, documented: schema !== undefined }).toEqual({ key, documented: true });
      const ref = schema?.$ref?.split('/').pop();
      if (ref)
        expect({ key, properties: Object.keys((schemas[ref] as { properties?: object }).properties ?? {}).length > 0 }).toEqual({
          key,
          properties: true,
        });
    }
  });

  it('gives every operation a described success response, in the media type it really sends', () => {
    for (const key of documentedKeys(document)) {
      const successes = Object.entries(operation(document, key).responses).filter(([status]) => /^2\d\d$/.test(status));
      expect({ key, successes: successes.length }).toEqual({ key, successes: 1 });
      expect({ key, description: (successes[0][1] as { description: string }).description }).toEqual({
        key,
        description: expect.stringMatching(/\S/),
      });
    }
    expect(operation(document, 'POST /api/auth/logout').responses['204']).toBeDefined();
    expect(operation(document, 'POST /api/auth/login').responses['200']).toBeDefined();
    expect(operation(document, 'POST /api/queue/{customerId}').responses['201']).toMatchObject({ description: 'Created' });
    expect(operation(document, 'GET /api/metrics').responses['200']).toMatchObject({
      content: { 'text/plain': { schema: { type: 'string' } } },
    });
    expect(operation(document, 'GET /api/autobolt/test-submissions/{id}/screenshot').responses['200']).toMatchObject({
      content: { 'image/png': { schema: { type: 'string', format: 'binary' } } },
    });
  });

  it('gives every operation the shared ErrorBody for 4xx and 5xx', () => {
    expect(document.components?.schemas?.ErrorBody).toMatchObject({
      required: ['error', 'message'],
      properties: { error: { type: 'string' }, message: { type: 'string' } },
    });
    const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
    for (const key of documentedKeys(document)) {
      const { responses } = operation(document, key);
      expect({ key, '4XX': responses['4XX'], '5XX': responses['5XX'] }).toEqual({
        key,
        '4XX': expect.objectContaining(errorRef),
        '5XX': expect.objectContaining(errorRef),
      });
    }
    expect(operation(document, 'GET /api/jobs/{id}').responses['401']).toMatchObject(errorRef);
  });

  it('serves the Swagger UI, which renders every operation in Chromium without a CSP violation', async () => {
    await app.listen(0, '127.0.0.1');
    const html = await request(http()).get('/api/docs').expect(200).expect('content-type', /html/);
    expect(html.text).toContain('swagger-ui');
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${await app.getUrl()}/api/docs`.replace('[::1]', '127.0.0.1'));
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('.opblock').count()).toBe(documentedKeys(document).length);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it("keeps helmet's CSP on the API; the docs drop only upgrade-insecure-requests (plain-http deployments)", async () => {
    const api = await request(http()).get('/api/health');
    expect(api.headers['content-security-policy']).toBe(HELMET_DEFAULT_CSP);
    for (const path of ['/api/docs', '/api/docs/openapi.json', '/api/docs/swagger-ui-init.js']) {
      const docs = await request(http()).get(path).expect(200);
      expect(docs.headers['content-security-policy']).toBe(HELMET_DEFAULT_CSP.replace(';upgrade-insecure-requests', ''));
    }
    const lookalike = await request(http()).get('/api/docsX').expect(404);
    expect(lookalike.headers['content-security-policy']).toBe(HELMET_DEFAULT_CSP);
  });

  it('has committed plugin metadata that matches the DTOs and controllers (else: npm run api-docs:metadata)', async () => {
    const script = join(__dirname, '../../scripts/api-docs-metadata.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [script, '--check'], { timeout: 120_000 });
    expect(stdout).toContain('up to date');
  }, 180_000);
});

describe('API_DOCS=false', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase('dbolt_test_api_docs_off');
    app = await bootApp({ DATABASE_URL: db.url, ROLES: 'api', API_DOCS: 'false' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('serves no docs: a JSON 404, never a stack trace', async () => {
    for (const path of ['/api/docs', '/api/docs/openapi.json']) {
      const response = await request(app.getHttpServer() as App)
        .get(path)
        .expect(404);
      expect(response.body.error).toBe('not_found');
      expect(response.text).not.toMatch(STACK_TRACE);
    }
  });
});
