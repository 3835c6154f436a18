import { Inject } from '@nestjs/common';
import { CommandRunner, SubCommand } from 'nest-commander';
import { ProjectionOperations } from '../read-models/projection-operations.service';
import { CliExitCode } from './cli-exit-code';
import { startProgressBar } from './progress-bar';
import { formatVerifyReport } from './verify-report-format';

@SubCommand({
  name: 'verify',
  arguments: '[name]',
  argsDescription: { name: 'a projection, or "all" (the default)' },
  description: 'replay the log into scratch tables and compare with the live tables; exit code 1 on any difference',
})
export class ProjectionsVerifyCommand extends CommandRunner {
  @Inject(ProjectionOperations) private readonly projections!: ProjectionOperations;
  @Inject(CliExitCode) private readonly exit!: CliExitCode;

  async run([name = 'all']: string[]): Promise<void> {
    for (const projection of this.projections.select(name)) {
      const bar = startProgressBar(`${projection.name} verify`, await this.projections.logSize(projection));
      const report = await this.projections.verify(projection, (events) => bar.update(events)).finally(() => bar.stop());
      console.log(formatVerifyReport(report).join('\n'));
      if (!report.ok) this.exit.fail();
    }
  }
}
