import { Command, CommandRunner } from 'nest-commander';
import { ProjectionsRebuildCommand } from './projections-rebuild.command';
import { ProjectionsStatusCommand } from './projections-status.command';
import { ProjectionsVerifyCommand } from './projections-verify.command';

@Command({
  name: 'projections',
  description: 'read models: status, rebuild, verify',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand, ProjectionsVerifyCommand],
})
export class ProjectionsCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
