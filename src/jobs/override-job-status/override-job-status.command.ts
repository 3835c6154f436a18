import { Command } from '@nestjs/cqrs';
import type { JobStatus } from '../job.events';
import type { CommandContext } from '../../shared/command-context';
import type { JobCommandResult } from '../run-job-command';

/** Staff sets a job's status by hand, stating the version they decided on. */
export class OverrideJobStatusCommand extends Command<JobCommandResult> {
  constructor(
    readonly jobId: string,
    readonly status: JobStatus,
    readonly reason: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}
