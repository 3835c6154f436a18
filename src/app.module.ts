import { Module, type DynamicModule } from '@nestjs/common';
import { loadConfig, type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './observability/logging/logging.module';
import { processModules } from './roles/role-table';

/** The modules every process has, and those of its roles (the role table says which). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, ...processModules(config.roles), HealthModule],
    };
  }
}
