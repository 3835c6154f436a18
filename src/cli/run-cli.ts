import { CommandFactory, CommandRunnerService } from 'nest-commander';
import type { AppConfig } from '../config/app-config';
import { CliExitCode } from './cli-exit-code';
import { CliModule, type CliScope } from './cli.module';

/**
 * Runs one CLI command line (`argv` as process.argv: node, script, command, ...) in a Nest
 * application context without HTTP and with no roles, so nothing starts in the background.
 * Resolves to the exit code once the context (pool, embedded database) is closed.
 */
export async function runCli(argv: readonly string[], config: AppConfig): Promise<number> {
  let failure: number | null = null;
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ ...config, roles: [] }, scopeOf(argv)), {
    cliName: 'directorybolt',
    abortOnError: false,
    // Quiet while booting: a boot failure reaches the caller, which says it in one line.
    logger: false,
    errorHandler: (error) => {
      throw error;
    },
    serviceErrorHandler: (error) => {
      failure = isCommanderExit(error) ? error.exitCode : 1;
      if (!isCommanderExit(error)) console.error(isBug(error) ? (error.stack ?? error.message) : error.message);
    },
  });
  app.useLogger(['error', 'warn']);
  try {
    await app.get(CommandRunnerService).run([...argv]);
    return failure ?? app.get(CliExitCode).code;
  } finally {
    await app.close();
  }
}

function scopeOf(argv: readonly string[]): CliScope {
  if (argv[2] === 'migrate') return 'migrate';
  return argv[2] === 'events' && argv[3] === 'copy' ? 'copy' : 'all';
}

/** commander has printed its own message (usage error, --help); only its exit code is left. */
function isCommanderExit(error: Error): error is Error & { exitCode: number } {
  const { code, exitCode } = error as { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

/** Only a programming error earns a stack trace; the others say in words what is wrong. */
function isBug(error: Error): boolean {
  return [TypeError, ReferenceError, RangeError, SyntaxError].some((type) => error instanceof type);
}
