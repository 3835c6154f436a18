import { Module } from '@nestjs/common';
import { RetentionService } from './retention.service';

/** Retention passes on demand (CLI); the `projector` role also runs them on a schedule (ProjectorRoleModule). */
@Module({ providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
