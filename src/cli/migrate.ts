import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { Database } from '../database/database';

/** `npm run migrate`: applies pending migrations to the configured database and exits. */
async function main(): Promise<void> {
  const database = await Database.open({ ...loadConfig(), migrateOnBoot: false });
  try {
    const applied = await database.migrate();
    console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
