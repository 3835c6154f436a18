import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';

/** The part of a commander Command this needs (commander itself is nest-commander's own copy). */
interface CommandNode {
  readonly commands: readonly CommandNode[];
  exitOverride(handler: (error: Error) => void): unknown;
}

/**
 * commander calls process.exit on usage errors and --help, and nest-commander only overrides
 * that on the root command. Throwing instead, on every command, lets the application context
 * close (pool, embedded database) before the process ends; cli.ts turns it into the exit code.
 */
@Injectable()
export class CliExitOverride implements OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly root: CommandNode) {}

  onApplicationBootstrap(): void {
    const visit = (command: CommandNode): void => {
      command.exitOverride((error) => {
        throw error;
      });
      command.commands.forEach(visit);
    };
    visit(this.root);
  }
}
