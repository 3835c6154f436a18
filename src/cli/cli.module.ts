import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProjectionOperations } from '../read-models/projection-operations.service';
import { ProjectionsModule } from '../read-models/projections.module';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { DirectoryImport } from '../directories/directory-import';
import { EventStoreModule } from '../event-store/event-store.module';
import { RetentionModule } from '../retention/retention.module';
import { ApiKeysCommand, ApiKeysCreateCommand, ApiKeysImportCommand } from './api-keys.command';
import { AccountsCommand, AccountsCreateAdminCommand } from './accounts.command';
import { AuditStateCommand } from './audit-state.command';
import { AuditTimelineCommand } from './audit-timeline.command';
import { AuditCommand } from './audit.command';
import { CliExitCode } from './cli-exit-code';
import { CliExitOverride } from './cli-exit-override';
import { DirectoriesCommand, DirectoriesImportCommand } from './directories.command';
import { EventsCopyCommand } from './events-copy.command';
import { EventsExportCommand } from './events-export.command';
import { EventsCommand } from './events.command';
import { MigrateCommand } from './migrate.command';
import { ProjectionsRebuildCommand } from './projections-rebuild.command';
import { ProjectionsStatusCommand } from './projections-status.command';
import { ProjectionsVerifyCommand } from './projections-verify.command';
import { ProjectionsCommand } from './projections.command';
import { RetentionCommand, RetentionRunCommand } from './retention.command';

/**
 * `migrate` boots only what it needs: the rest installs read models, which needs the schema first.
 * `copy` opens its own source and target, and must not hold the configured (maybe embedded) database.
 */
export type CliScope = 'migrate' | 'copy' | 'all';

const COMMANDS: Provider[] = [
  ProjectionsCommand,
  ProjectionsStatusCommand,
  ProjectionsRebuildCommand,
  ProjectionsVerifyCommand,
  AuditCommand,
  AuditTimelineCommand,
  AuditStateCommand,
  EventsCommand,
  EventsExportCommand,
  EventsCopyCommand,
  RetentionCommand,
  RetentionRunCommand,
  MigrateCommand,
  DirectoriesCommand,
  DirectoriesImportCommand,
  ApiKeysCommand,
  ApiKeysImportCommand,
  ApiKeysCreateCommand,
  AccountsCommand,
  AccountsCreateAdminCommand,
];

@Module({})
export class CliModule {
  /** `config.roles` should be empty: the CLI starts nothing in the background. */
  static forRoot(config: AppConfig, scope: CliScope): DynamicModule {
    if (scope === 'migrate') {
      return {
        module: CliModule,
        imports: [ConfigModule.forRoot({ ...config, migrateOnBoot: false }), DatabaseModule],
        providers: [MigrateCommand, CliExitOverride, CliExitCode],
      };
    }
    if (scope === 'copy') {
      return {
        module: CliModule,
        imports: [ConfigModule.forRoot(config)],
        providers: [EventsCommand, EventsCopyCommand, CliExitOverride, CliExitCode],
      };
    }
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, EventStoreModule, ProjectionsModule, RetentionModule, AuthModule],
      providers: [...COMMANDS, ProjectionOperations, DirectoryImport, CliExitOverride, CliExitCode],
    };
  }
}
