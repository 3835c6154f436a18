import type { Metric } from '../../observability/prometheus-text';
import { API_KEY_STATUSES } from './api-key-status';
import type { ApiKeyView } from './api-key-view';

/** Keys by status, and the stale ones, so an alert can say a key is due for rotation (docs/requirements.md R-AUTH-6). */
export function apiKeyMetrics(keys: readonly ApiKeyView[]): Metric[] {
  return [
    { name: 'dbolt_api_keys', help: 'API keys by status.', type: 'gauge',
      samples: API_KEY_STATUSES.map((status) => ({ labels: { status }, value: keys.filter((key) => key.status === status).length })) },
    { name: 'dbolt_api_keys_stale', help: 'Usable API keys older than API_KEY_STALE_DAYS: due for rotation.', type: 'gauge',
      samples: [{ value: keys.filter((key) => key.stale).length }] },
  ];
}
