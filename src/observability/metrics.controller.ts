import { Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { NoRateLimit } from '../http/rate-limit/rate-limit-trackers';
import { StaffOrApiKeyController } from '../http/guarded-controller.decorator';
import { FleetMetrics } from './fleet-metrics';
import { ProcessMetrics } from './process-metrics';

/** `GET /api/metrics` for Prometheus (docs/requirements.md R-OBS-1, R-API-10): staff, or a scraper's key with scope `metrics`. */
/** Not rate limited: a scraper polls it on a fixed schedule, and it needs a credential anyway. */
@StaffOrApiKeyController('metrics', 'metrics')
@NoRateLimit()
export class MetricsController {
  constructor(
    @Inject(ProcessMetrics) private readonly local: ProcessMetrics,
    @Inject(FleetMetrics) private readonly fleet: FleetMetrics,
  ) {}

  /** This process's own metrics, then (with the `api` role) the fleet's, read from the database. */
  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } })
  async metrics(): Promise<string> {
    const [local, fleet] = await Promise.all([this.local.text(), this.fleet.text()]);
    return fleet ? `${local}\n${fleet}` : local;
  }
}
