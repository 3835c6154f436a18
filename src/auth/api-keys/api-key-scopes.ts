import { SetMetadata, type CustomDecorator } from '@nestjs/common';

/** What a key may be granted. `autobolt`: the AutoBolt extension's routes, /api/autobolt/*; `metrics`: a scraper's GET /api/metrics. */
export const API_KEY_SCOPES = ['autobolt', 'metrics'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const REQUIRED_SCOPE = 'apiKeys:requiredScope';

/** The scope an API key needs on this controller or route (read by StaffOrApiKeyGuard; staff need none). */
export function RequiresScope(scope: ApiKeyScope): CustomDecorator<string> {
  return SetMetadata(REQUIRED_SCOPE, scope);
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
