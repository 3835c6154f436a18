import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { DeadLettersController } from './dead-letters.controller';
import { MetricsController } from '../../observability/metrics.controller';
import { QueueStatusController } from './queue-status.controller';

/** Staff endpoints over the queue: dead letters, depth, the local worker and its breaker, Prometheus metrics. */
@Module({ imports: [AuthModule], controllers: [DeadLettersController, QueueStatusController, MetricsController] })
export class QueueHttpModule {}
