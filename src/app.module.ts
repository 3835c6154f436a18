import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { ProjectionsModule } from './admin/projections.module';
import { ReactionsModule } from './reactions/reactions.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, EventStoreModule, ProjectionsModule, ReactionsModule, JobsModule, AdminModule, RetentionModule],
      controllers: [HealthController],
    };
  }
}
