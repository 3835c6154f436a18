import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { runRetentionPass, type RetentionReport } from './retention-pass';

/** One retention pass over the configured database, with the configured ages. */
@Injectable()
export class RetentionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
  ) {}

  run(): Promise<RetentionReport> {
    return runRetentionPass(this.database.pool, this.config);
  }
}
