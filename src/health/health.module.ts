import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { FleetModule } from '../fleet/fleet.module';
import { HealthChecks } from './health-checks.service';
import { HealthController } from './health.controller';

/** `/api/health`, `/api/health/ready` and `/api/health/live` on every process, whatever its roles. */
@Module({ imports: [TerminusModule.forRoot(), FleetModule], providers: [HealthChecks], controllers: [HealthController] })
export class HealthModule {}
