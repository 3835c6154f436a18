import { Inject } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { InvalidDirectoryEntriesError, parseDirectoryEntries } from '../directories/directory-entries.validation';
import { DirectoryImport } from '../directories/directory-import';
import { CliExitCode } from './cli-exit-code';
import { CommandGroup } from './command-runners';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: "upsert the seed's directory mapping JSON (array or { directories }) into the catalog: all entries or none",
})
export class DirectoriesImportCommand extends CommandRunner {
  @Inject(DirectoryImport) private readonly importer!: DirectoryImport;
  @Inject(CliExitCode) private readonly exit!: CliExitCode;

  @Option({ flags: '--dry-run', description: 'only check the file; write nothing' })
  parseDryRun(): boolean {
    return true;
  }

  async run([file]: string[], options: { dryRun?: boolean } = {}): Promise<void> {
    const input = await readJson(file);
    try {
      const entries = parseDirectoryEntries(input);
      if (options.dryRun) {
        await this.importer.checkDestinations(entries);
        console.log(`${file}: ${entries.length} directories, all valid (nothing written)`);
        return;
      }
      const { inserted, updated } = await this.importer.upsert(entries);
      console.log(`imported ${entries.length} directories from ${file}: ${inserted} inserted, ${updated} updated`);
    } catch (error) {
      if (!(error instanceof InvalidDirectoryEntriesError)) throw error;
      console.error(
        `${file}: nothing imported; ${error.problems.length === 1 ? 'a problem' : 'problems'}:\n  ${error.problems.join('\n  ')}`,
      );
      this.exit.fail();
    }
  }
}

/** Plain Errors on purpose: the CLI prints their message only (a SyntaxError would earn a stack trace). */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

@Command({ name: 'directories', description: 'the directory catalog: import', subCommands: [DirectoriesImportCommand] })
export class DirectoriesCommand extends CommandGroup {}
