import { Command } from 'nest-commander';
import { CommandGroup } from './command-runners';
import { ProjectionsRebuildCommand } from './projections-rebuild.command';
import { ProjectionsStatusCommand } from './projections-status.command';
import { ProjectionsVerifyCommand } from './projections-verify.command';

@Command({
  name: 'projections',
  description: 'read models: status, rebuild, verify',
  subCommands: [ProjectionsStatusCommand, ProjectionsRebuildCommand, ProjectionsVerifyCommand],
})
export class ProjectionsCommand extends CommandGroup {}
