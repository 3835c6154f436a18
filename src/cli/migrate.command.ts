import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { installProjections } from '../../projections/runtime/projection-registry';
import { Database } from '../database/database';

@Command({ name: 'migrate', description: 'apply pending migrations and install the read models (empty) on the configured database' })
export class MigrateCommand extends CommandRunner {
  @Inject(Database) private readonly database!: Database;

  async run(): Promise<void> {
    const applied = await this.database.migrate();
    // The read models' tables too: an operator's SQL must work before any projector has booted.
    await installProjections(this.database.pool, ALL_PROJECTIONS);
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  }
}
