import { Inject } from '@nestjs/common';
import { SubCommand } from 'nest-commander';
import { ProjectionOperations } from '../read-models/projection-operations.service';
import { ReportCommand, type ReportOptions } from './command-runners';
import { formatProjectionStatus } from './projection-status-table';

@SubCommand({
  name: 'status',
  description: 'versions, generation, events applied, lag, state, rebuild progress and last error of each projection',
})
export class ProjectionsStatusCommand extends ReportCommand {
  @Inject(ProjectionOperations) private readonly projections!: ProjectionOperations;

  async run(_: string[], options: ReportOptions = {}): Promise<void> {
    this.print(await this.projections.status(), options, formatProjectionStatus);
  }
}
