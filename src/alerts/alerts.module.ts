import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertReadingsReader } from './alert-readings.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';

/** Alerts in every process: the list endpoint, and the evaluator the dispatcher role schedules. */
@Module({
  imports: [AuthModule],
  providers: [AlertsRepository, AlertReadingsReader, AlertEvaluator],
  controllers: [AlertsController],
  exports: [AlertEvaluator],
})
export class AlertsModule {}
