import type { MappingServiceConfig } from '../../config/mapping-service-config';
import { detectFieldsInPage } from '../playwright/detect-fields';
import type { DetectFields } from '../playwright/detected-form';
import { withMappingService } from './assisted-detection';
import { MappingServiceClient } from './mapping-service.client';

/**
 * The submitter's field detection: detection alone without MAPPING_SERVICE_URL, else detection
 * assisted by the service. The service URL is the operator's own setting (like DATABASE_URL), not
 * an address a directory chose, so the directory destination guard does not apply to it.
 */
export function fieldDetection(
  config: MappingServiceConfig,
  log: (message: string) => void,
  onClient?: (client: MappingServiceClient) => void,
): DetectFields {
  const { url } = config;
  if (!url) return detectFieldsInPage;
  const client = new MappingServiceClient({ ...config, url });
  onClient?.(client);
  return withMappingService(detectFieldsInPage, client, { minConfidence: config.minConfidence, log });
}
