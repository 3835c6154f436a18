import 'reflect-metadata';
import { loadConfig } from '../config/app-config';
import { cliConfigSections } from '../config/config-sections';
import { runCli } from './run-cli';

/** `npm run build && npm run cli -- <command>` (e.g. `projections status`; `--help` lists them). */
async function main(): Promise<void> {
  // Each command validates only the settings it uses: `migrate` needs a database, not the HTTP API's token.
  process.exitCode = await runCli(process.argv, loadConfig(process.env, cliConfigSections(process.argv[2])));
}

main().catch((error: unknown) => {
  // Configuration or boot failed (e.g. the database is unreachable): say what, without a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
