import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ROOT } from '../database/app-paths';
import { API_KEY_AUTH, SESSION_AUTH } from './api-docs-security';
import { ERROR_BODY_EXTRAS, ERROR_BODY_SCHEMA, ErrorBodySchema } from './error-body.schema';

type OperationObject = NonNullable<OpenAPIObject['paths'][string]['get']>;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const DESCRIPTION = [
  'The DirectoryBolt API, documented from its controllers and DTOs.',
  'Sign in with `POST /api/auth/login` (staff) or `POST /api/customer/auth` (customers) and send the token as `Authorization: Bearer <token>`;',
  'integrations send `X-API-Key: <key>` where a route allows it. Every error is an `ErrorBody`.',
].join(' ');

/** The OpenAPI document of every route the app maps. Call once the plugin metadata is loaded (api-docs.setup.ts). */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('DirectoryBolt API')
    .setDescription(DESCRIPTION)
    .setVersion(packageVersion())
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/auth/login or POST /api/customer/auth' },
      SESSION_AUTH,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: "An API key issued by an admin (POST /api/admin/api-keys), with the route's scope",
      },
      API_KEY_AUTH,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodySchema] });
  return withErrorResponses(document);
}

/**
 * Every operation may answer 4xx (bad input, missing resource, conflict, rate limit) and 5xx,
 * always as an ErrorBody: said once here, so routes added later are covered without a decorator.
 */
function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  const schema = document.components?.schemas?.[ERROR_BODY_SCHEMA];
  if (schema && !('$ref' in schema)) schema.description = `An error. Some carry more fields: ${ERROR_BODY_EXTRAS}.`;
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodySchema) } } };
  for (const operation of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses)) {
      // Nest leaves the description of a response it inferred empty: the status text says as much.
      if (typeof response === 'object' && response !== null && 'description' in response && response.description === '')
        response.description = STATUS_CODES[status] ?? status;
    }
    operation.responses['4XX'] ??= { description: 'The request was refused; `error` says why', content };
    operation.responses['5XX'] ??= { description: 'The server failed; `correlationId` finds the log line', content };
  }
  return document;
}

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item) => HTTP_METHODS.flatMap((method) => item[method] ?? []));
}

function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof version === 'string' ? version : '0.0.0';
}
