import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { parseImportedKeys } from '../auth/api-keys/api-key-import';
import { API_KEY_NAME, API_KEY_NAME_RULE } from '../auth/api-keys/api-keys.request.dto';
import { ApiKeys } from '../auth/api-keys/api-keys.service';
import type { Actor } from '../event-store/event-store.port';

/** Who changed a key from the command line: an operator on the machine, not an account. */
const CLI_ACTOR: Actor = { kind: 'system', id: 'cli' };

const DEFAULT_SCOPES = ['autobolt'];

interface KeyOptions {
  readonly name?: string;
  readonly scopes?: string[];
}

/** `--name` and `--scopes` of both subcommands. */
abstract class ApiKeyCommand extends CommandRunner {
  @Option({ flags: '--name <name>', description: "the key's name (several imported keys: <name>-1, <name>-2…)", required: true })
  parseName(value: string): string {
    if (!API_KEY_NAME.test(value)) throw new Error(API_KEY_NAME_RULE);
    return value;
  }

  @Option({ flags: '--scopes <scopes>', description: 'comma-separated scopes (default: autobolt)' })
  parseScopes(value: string): string[] {
    return value
      .split(',')
      .map((scope) => scope.trim())
      .filter((scope) => scope !== '');
  }
}

@SubCommand({
  name: 'import',
  description: 'store existing keys (one a line, or comma-separated, on stdin) as hashes; a re-run adds nothing',
})
export class ApiKeysImportCommand extends ApiKeyCommand {
  constructor(@Inject(ApiKeys) private readonly apiKeys: ApiKeys) {
    super();
  }

  async run(_: string[], options: KeyOptions = {}): Promise<void> {
    if (process.stdin.isTTY)
      throw new Error('pipe the keys in: e.g. `echo "$AUTOBOLT_API_KEYS" | npm run cli -- api-keys import --name autobolt`');
    const keys = parseImportedKeys(await readStdin());
    const report = await this.apiKeys.import(options.name ?? '', options.scopes ?? DEFAULT_SCOPES, keys, CLI_ACTOR);
    for (const key of report.imported)
      console.log(`imported ${key.name} (id ${key.id}, prefix ${key.prefix}, scopes ${key.scopes.join(',')})`);
    console.log(`${report.imported.length} imported, ${report.alreadyPresent} already present`);
  }
}

@SubCommand({ name: 'create', description: 'issue a new key and print it once' })
export class ApiKeysCreateCommand extends ApiKeyCommand {
  constructor(@Inject(ApiKeys) private readonly apiKeys: ApiKeys) {
    super();
  }

  async run(_: string[], options: KeyOptions = {}): Promise<void> {
    const { key, apiKey } = await this.apiKeys.create(
      { name: options.name ?? '', scopes: options.scopes ?? DEFAULT_SCOPES, expiresAt: null },
      CLI_ACTOR,
    );
    console.log(`created ${apiKey.name} (id ${apiKey.id}, scopes ${apiKey.scopes.join(',')}); the key, shown only now:`);
    console.log(key);
  }
}

@Command({
  name: 'api-keys',
  description: 'API keys: import existing ones, create a new one',
  subCommands: [ApiKeysImportCommand, ApiKeysCreateCommand],
})
export class ApiKeysCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
