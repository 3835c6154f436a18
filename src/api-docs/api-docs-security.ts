import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorBodySchema } from './error-body.schema';

/** Names of the document's security schemes (see api-docs.document.ts). */
export const SESSION_AUTH = 'session';
export const API_KEY_AUTH = 'apiKey';

const refusals = applyDecorators(
  ApiUnauthorizedResponse({ description: 'No credentials, or an expired or unknown one', type: ErrorBodySchema }),
  ApiForbiddenResponse({ description: 'Valid credentials without the right to this route', type: ErrorBodySchema }),
);

/** A route behind a session: `Authorization: Bearer <token>` (staff, admin or, where allowed, customer). */
export function ApiSessionAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiBearerAuth(SESSION_AUTH), refusals);
}

/** A staff session or `X-API-Key: <key>`: two entries, so the document reads "either". */
export function ApiSessionOrApiKeyAuth(): ClassDecorator & MethodDecorator {
  return applyDecorators(ApiBearerAuth(SESSION_AUTH), ApiSecurity(API_KEY_AUTH), refusals);
}
