import { Inject } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AccountsService } from '../auth/accounts/accounts.service';
import { DomainError } from '../shared/decider';
import { CliExitCode } from './cli-exit-code';

interface CreateAdminOptions {
  readonly email?: string;
  readonly name?: string;
}

/**
 * The first admin. The password comes from stdin (`printf %s "$PW" | npm run cli -- accounts
 * create-admin --email …`), never from an argument, which other users of the machine could see.
 * With a terminal or an empty stdin, one is generated and printed once.
 */
@SubCommand({ name: 'create-admin', description: 'create an admin account; password from stdin, or generated and printed once' })
export class AccountsCreateAdminCommand extends CommandRunner {
  constructor(
    @Inject(AccountsService) private readonly accounts: AccountsService,
    @Inject(CliExitCode) private readonly exit: CliExitCode,
  ) {
    super();
  }

  @Option({ flags: '--email <email>', description: "the admin's email (required)", required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '--name <name>', description: 'display name (default: the part of the email before @)' })
  parseName(value: string): string {
    return value;
  }

  async run(_: string[], options: CreateAdminOptions = {}): Promise<void> {
    const given = await readStdinPassword();
    const password = given ?? randomBytes(18).toString('base64url');
    try {
      const account = await this.accounts.createStaff({ email: options.email ?? '', displayName: options.name, role: 'admin', password });
      console.log(`created admin ${account.email} (id ${account.id})`);
      if (given === null) console.log(`generated password (shown once, keep it safe): ${password}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      console.error(`no account created: ${error.message}`);
      this.exit.fail();
    }
  }
}

@Command({ name: 'accounts', description: 'staff accounts', subCommands: [AccountsCreateAdminCommand] })
export class AccountsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

/** The password piped in (one trailing newline dropped), or null for a terminal or nothing. */
async function readStdinPassword(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return text === '' ? null : text;
}
