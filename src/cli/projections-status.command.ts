import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import { ProjectionOperations } from '../read-models/projection-operations.service';
import { formatProjectionStatus } from './projection-status-table';

@SubCommand({ name: 'status', description: 'versions, generation, events applied, lag, state, rebuild progress and last error of each projection' })
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(@Inject(ProjectionOperations) private readonly projections: ProjectionOperations) {
    super();
  }

  @Option({ flags: '--json', description: 'print JSON instead of a table' })
  parseJson(): boolean {
    return true;
  }

  async run(_: string[], options: { json?: boolean } = {}): Promise<void> {
    const statuses = await this.projections.status();
    console.log(options.json ? JSON.stringify(statuses, null, 2) : formatProjectionStatus(statuses));
  }
}
