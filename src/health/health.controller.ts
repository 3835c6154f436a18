import { Controller, Get, HttpException, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { NoRateLimit } from '../http/rate-limit/rate-limit-trackers';
import { HealthChecks } from './health-checks.service';
import { healthBody, unavailableBody, type HealthBody } from './health-response';

/**
 * Public and not rate limited: supervisors, load balancers and orchestrators probe it often, from
 * few addresses, without credentials. Bodies name dependencies and numbers, never a secret.
 */
@Controller('health')
@ApiTags('health')
@NoRateLimit()
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthChecks) private readonly checks: HealthChecks,
  ) {}

  /** Everything: 200 `ok` or `degraded` (workers, projection lag, breaker), 503 when not ready. */
  @Get()
  @HealthCheck()
  full(): Promise<HealthBody> {
    return this.run(this.checks.all());
  }

  /** Readiness: can this process serve (database, event store, queue)? 503 otherwise, and while shutting down. */
  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthBody> {
    return this.run(this.checks.readiness());
  }

  /** Liveness: the process answers. No dependency is asked, so an outage elsewhere never gets it restarted. */
  @Get('live')
  @HealthCheck()
  live(): HealthBody {
    return { status: 'ok', checks: { process: { status: 'up', uptimeSeconds: Math.floor(process.uptime()) } } };
  }

  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthBody> {
    if (this.checks.shuttingDown) throw new ServiceUnavailableException(unavailableBody({ status: 'shutting_down', details: {} }));
    try {
      return healthBody(await this.health.check(indicators));
    } catch (error) {
      const result = error instanceof HttpException ? error.getResponse() : null;
      if (isCheckResult(result)) throw new ServiceUnavailableException(unavailableBody(result));
      throw error;
    }
  }
}

/** Terminus reports a failed check as a 503 whose response is the whole result. */
function isCheckResult(value: unknown): value is HealthCheckResult {
  return typeof value === 'object' && value !== null && 'details' in value && 'status' in value && typeof value.details === 'object';
}
