import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AutoboltModule } from './autobolt/autobolt.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { DemoModule } from './demo/demo.module';
import { JobsModule } from './jobs/jobs.module';
import { QueueModule } from './queue/queue.module';
import { QueueHttpModule } from './queue/http/queue-http.module';
import { WorkersModule } from './workers/workers.module';
import { ProjectionsModule } from './admin/projections.module';
import { ReactionsModule } from './reactions/reactions.module';
import { RetentionModule } from './retention/retention.module';

@Module({})
export class AppModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config), DatabaseModule, EventStoreModule, QueueModule, WorkersModule, ProjectionsModule, ReactionsModule,
        JobsModule, AdminModule, QueueHttpModule, RetentionModule, DemoModule, AutoboltModule,
      ],
      controllers: [HealthController],
    };
  }
}
