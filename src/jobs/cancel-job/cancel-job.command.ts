import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command-context';
import type { JobCommandResult } from '../run-job-command';

export class CancelJobCommand extends Command<JobCommandResult> {
  constructor(
    readonly jobId: string,
    readonly reason: string,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}
