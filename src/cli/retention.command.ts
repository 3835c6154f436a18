import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { describeRetentionReport } from '../retention/retention-pass';
import { RetentionService } from '../retention/retention.service';

@SubCommand({ name: 'run', description: 'one retention pass now: archive old queue_history, delete old archive, clean job progress' })
export class RetentionRunCommand extends CommandRunner {
  constructor(@Inject(RetentionService) private readonly retention: RetentionService) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON' })
  parseJson(): boolean {
    return true;
  }

  async run(_: string[], options: { json?: boolean } = {}): Promise<void> {
    const report = await this.retention.run();
    console.log(options.json ? JSON.stringify(report, null, 2) : describeRetentionReport(report).join('\n'));
  }
}

@Command({ name: 'retention', description: 'archive and delete old queue_history; clean finished jobs\' bookkeeping', subCommands: [RetentionRunCommand] })
export class RetentionCommand extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
