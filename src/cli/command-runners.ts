import { CommandRunner, Option } from 'nest-commander';

/** A command that only groups subcommands: run alone, it shows their help. */
export abstract class CommandGroup extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}

export interface ReportOptions {
  readonly json?: boolean;
}

/**
 * A subcommand that prints one report: as text for a person, or with --json for a script.
 * Its dependencies are injected as properties: a constructor here would only pass them to super().
 */
export abstract class ReportCommand extends CommandRunner {
  @Option({ flags: '--json', description: 'print JSON instead of text' })
  parseJson(): boolean {
    return true;
  }

  protected print<T>(report: T, options: ReportOptions, asText: (report: T) => string): void {
    console.log(options.json ? JSON.stringify(report, null, 2) : asText(report));
  }
}
