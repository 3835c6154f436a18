import { Logger, type INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiDocsMetadata } from './api-docs.metadata';
import { buildApiDocument } from './api-docs.document';
import { withValidationLimits } from './validation-limits';

/** The Swagger UI; the document itself is at API_DOCS_JSON_PATH. Public: it describes the API, it holds no data. */
export const API_DOCS_PATH = '/api/docs';
export const API_DOCS_JSON_PATH = '/api/docs/openapi.json';

/**
 * Serves the UI and the JSON document. Loading the plugin metadata is asynchronous while the
 * HTTP setup is not, so the document is built as soon as it is loaded and the docs routes wait for
 * that (never more than the first request): the rest of the API does not wait at all.
 */
export function mountApiDocs(app: INestApplication): void {
  let document: OpenAPIObject | null = null;
  const ready = SwaggerModule.loadPluginMetadata(async () => withValidationLimits(await apiDocsMetadata())).then(() => {
    document = buildApiDocument(app);
  });
  ready.catch((error: unknown) => new Logger('ApiDocs').error(`the OpenAPI document could not be built: ${String(error)}`));
  app.use(API_DOCS_PATH, (_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    ready.then(next, () => {
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ error: 'internal_error', message: 'The API documentation could not be built' }));
    });
  });
  SwaggerModule.setup(API_DOCS_PATH.slice(1), app, () => builtDocument(document), {
    jsonDocumentUrl: API_DOCS_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'DirectoryBolt API',
    // The UI would otherwise send the document to an outside validator for its badge.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}

function builtDocument(document: OpenAPIObject | null): OpenAPIObject {
  if (!document) throw new Error('the OpenAPI document is not built yet');
  return document;
}
