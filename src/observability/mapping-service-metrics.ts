import type { Registry } from 'prom-client';
import type { MappingServiceStats } from '../workers/mapping-service/mapping-service.client';
import { counterOf, gaugeOf } from './local-metrics';

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** This process's calls to the mapping service (only when MAPPING_SERVICE_URL is set). */
export function registerMappingServiceMetrics(registry: Registry, stats: () => MappingServiceStats): void {
  counterOf(
    registry,
    'dbolt_mapping_service_requests_total',
    'Mapping service requests by result: answered, failed (down, slow, error status, invalid answer), refused (breaker open).',
    ['result'],
    () => Object.entries(stats().requests).map(([result, value]) => ({ labels: { result }, value })),
  );
  gaugeOf(registry, 'dbolt_mapping_service_breaker_state', 'Mapping service circuit breaker: 0 closed, 1 half-open, 2 open.', [], () => [
    { labels: {}, value: BREAKER_VALUE[stats().breaker.state] },
  ]);
}
