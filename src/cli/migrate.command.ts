import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { Database } from '../database/database';

@Command({ name: 'migrate', description: 'apply pending migrations to the configured database' })
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(Database) private readonly database: Database) {
    super();
  }

  async run(): Promise<void> {
    const applied = await this.database.migrate();
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  }
}
