import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ScalingModule } from '../scaling/scaling.module';
import { AuthModule } from '../auth/auth.module';
import { DeadLetters } from '../queue/dead-letters.service';
import { LocalWorker } from '../workers/workers.module';
import { FleetMetrics } from './fleet-metrics';
import { registerDeadLetterMetrics, registerWorkerMetrics } from './local-metrics';
import { MetricsController } from './metrics.controller';
import { ProcessMetrics } from './process-metrics';

/**
 * Prometheus metrics: every process measures itself (ProcessMetrics, global so the event store,
 * the worker and the HTTP layer can record into it) and serves `GET /api/metrics`.
 */
@Global()
@Module({
  imports: [AuthModule, ScalingModule],
  controllers: [MetricsController],
  providers: [ProcessMetrics, FleetMetrics],
  exports: [ProcessMetrics],
})
export class ObservabilityModule implements OnModuleInit {
  constructor(
    @Inject(ProcessMetrics) private readonly metrics: ProcessMetrics,
    @Inject(LocalWorker) private readonly worker: LocalWorker,
    @Inject(DeadLetters) private readonly deadLetters: DeadLetters,
  ) {}

  onModuleInit(): void {
    registerWorkerMetrics(this.metrics.registry, () => this.worker.stats());
    registerDeadLetterMetrics(this.metrics.registry, () => this.deadLetters.counts);
  }
}
