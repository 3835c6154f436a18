import { Command, CommandRunner } from 'nest-commander';
import { AuditStateCommand } from './audit-state.command';
import { AuditTimelineCommand } from './audit-timeline.command';

@Command({ name: 'audit', description: "a job's history: timeline, state as of a point", subCommands: [AuditTimelineCommand, AuditStateCommand] })
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
