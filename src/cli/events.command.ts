import { Command } from 'nest-commander';
import { CommandGroup } from './command-runners';
import { EventsCopyCommand } from './events-copy.command';
import { EventsExportCommand } from './events-export.command';

@Command({ name: 'events', description: 'the event log: export, copy', subCommands: [EventsExportCommand, EventsCopyCommand] })
export class EventsCommand extends CommandGroup {}
