import { Command } from 'nest-commander';
import { CommandGroup } from './command-runners';
import { AuditStateCommand } from './audit-state.command';
import { AuditTimelineCommand } from './audit-timeline.command';

@Command({
  name: 'audit',
  description: "a job's history: timeline, state as of a point",
  subCommands: [AuditTimelineCommand, AuditStateCommand],
})
export class AuditCommand extends CommandGroup {}
