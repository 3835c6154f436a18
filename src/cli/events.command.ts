import { Command, CommandRunner } from 'nest-commander';
import { EventsCopyCommand } from './events-copy.command';
import { EventsExportCommand } from './events-export.command';

@Command({ name: 'events', description: 'the event log: export, copy', subCommands: [EventsExportCommand, EventsCopyCommand] })
export class EventsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
