import { Inject } from '@nestjs/common';
import { Command, SubCommand } from 'nest-commander';
import { describeRetentionReport } from '../retention/retention-pass';
import { RetentionService } from '../retention/retention.service';
import { CommandGroup, ReportCommand, type ReportOptions } from './command-runners';

@SubCommand({ name: 'run', description: 'one retention pass now: archive old queue_history, delete old archive, clean job progress' })
export class RetentionRunCommand extends ReportCommand {
  @Inject(RetentionService) private readonly retention!: RetentionService;

  async run(_: string[], options: ReportOptions = {}): Promise<void> {
    this.print(await this.retention.run(), options, (report) => describeRetentionReport(report).join('\n'));
  }
}

@Command({
  name: 'retention',
  description: "archive and delete old queue_history; clean finished jobs' bookkeeping",
  subCommands: [RetentionRunCommand],
})
export class RetentionCommand extends CommandGroup {}
