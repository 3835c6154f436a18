import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { DeadLettersController } from './dead-letters.controller';
import { QueueStatusController } from './queue-status.controller';

/** Staff endpoints over the queue: dead letters, depth, the local worker and its breaker. */
@Module({ imports: [AuthModule], controllers: [DeadLettersController, QueueStatusController] })
export class QueueHttpModule {}
