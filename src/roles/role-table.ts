import type { Type } from '@nestjs/common';
import type { Role } from '../config/app-config';
import { AlertsModule } from '../alerts/alerts.module';
import { AlertsScheduleModule } from '../alerts/alerts-schedule.module';
import { ApiKeysHttpModule } from '../auth/api-keys/api-keys-http.module';
import { AuthHttpModule } from '../auth/http/auth-http.module';
import { CustomersHttpModule } from '../customers/customers-http.module';
import { CustomerSubmissionsModule } from '../customer-submissions/customer-submissions.module';
import { DatabaseModule } from '../database/database.module';
import { DemoModule } from '../demo/demo.module';
import { CatalogModule } from '../directories/catalog/catalog.module';
import { DynamicMappingModule } from '../directories/dynamic-mapping/dynamic-mapping.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { FleetModule } from '../fleet/fleet.module';
import { ScalingModule } from '../scaling/scaling.module';
import { RateLimitModule } from '../http/rate-limit/rate-limit.module';
import { JobsModule } from '../jobs/jobs.module';
import { ObservabilityModule } from '../observability/observability.module';
import { QueueHttpModule } from '../queue/http/queue-http.module';
import { QueueModule } from '../queue/queue.module';
import { ProjectionsAdminModule } from '../read-models/projections-admin.module';
import { ProjectionsModule } from '../read-models/projections.module';
import { RetentionModule } from '../retention/retention.module';
import { TestSubmissionsModule } from '../test-submissions/test-submissions.module';
import { WorkerRoleModule, WorkersModule } from '../workers/workers.module';
import { DispatcherRoleModule } from './dispatcher-role.module';
import { ProjectorRoleModule } from './projector-role.module';
import { ReactorRoleModule } from './reactor-role.module';

/**
 * What every process has, whatever its roles: the database, the log, the queue, the read models
 * installed, and the HTTP API (rate limited) — health is how a supervisor sees any process alive,
 * and the admin API answers from any of them.
 */
export const EVERY_PROCESS: readonly Type[] = [
  ObservabilityModule,
  RateLimitModule,
  DatabaseModule,
  EventStoreModule,
  QueueModule,
  WorkersModule,
  ProjectionsModule,
  JobsModule,
  AuthHttpModule,
  ProjectionsAdminModule,
  QueueHttpModule,
  RetentionModule,
  DemoModule,
  DynamicMappingModule,
  TestSubmissionsModule,
  ApiKeysHttpModule,
  FleetModule,
  ScalingModule,
  CatalogModule,
  CustomerSubmissionsModule,
  CustomersHttpModule,
  AlertsModule,
];

/**
 * The one place that says what a role runs. Each role module starts its processors on the
 * processing runtime when the application has booted:
 * - projector: a projector per projection (lease `projection:<name>`), retention (`retention`)
 * - reactor: reactors `submission-scheduler` and `job-progress` (lease `reaction:<name>`)
 * - dispatcher: reactor `dispatcher`; periodic `dead-letter-monitor`, `stale-work-sweeper` and `alerts`
 *   (the alert evaluator watches the projector and the workers, so it lives in neither of them)
 * - worker: the queue consumer (no lease: every worker process consumes)
 */
export const ROLE_TABLE: Readonly<Record<Role, readonly Type[]>> = {
  api: [],
  projector: [ProjectorRoleModule],
  reactor: [ReactorRoleModule],
  dispatcher: [DispatcherRoleModule, AlertsScheduleModule],
  worker: [WorkerRoleModule],
};

/** The modules of a process with these roles, each once. */
export function processModules(roles: readonly Role[]): Type[] {
  return [...new Set([...EVERY_PROCESS, ...roles.flatMap((role) => ROLE_TABLE[role])])];
}
