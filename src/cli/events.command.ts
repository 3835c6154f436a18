import { Command, CommandRunner } from 'nest-commander';
import { EventsExportCommand } from './events-export.command';

@Command({ name: 'events', description: 'the event log: export', subCommands: [EventsExportCommand] })
export class EventsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
