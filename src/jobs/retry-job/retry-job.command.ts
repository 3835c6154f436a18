import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/command-context';
import type { RetryJobResult } from './retry-job.handler';

/** Staff retry the failed and parked submissions of a job (all of them, or the directories named). */
export class RetryJobCommand extends Command<RetryJobResult> {
  constructor(
    readonly jobId: string,
    readonly reason: string,
    readonly directoryIds: readonly string[] | undefined,
    readonly expectedVersion: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}
