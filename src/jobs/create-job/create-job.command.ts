import { Command } from '@nestjs/cqrs';
import type { JobStatus, Priority } from '../job.events';
import type { CommandContext } from '../../shared/command-context';

export interface CreateJobResult {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly priority: Priority | null;
  readonly directoryCount: number;
  readonly version: number;
  /** False when an Idempotency-Key named a job that already existed: nothing was appended. */
  readonly created: boolean;
}

/** Create and queue a job for a customer's package. */
export class CreateJobCommand extends Command<CreateJobResult> {
  constructor(
    readonly customerId: string,
    /** Same customer + key → same job id, so a retried request finds the job instead of making another. */
    readonly idempotencyKey: string | null,
    readonly context: CommandContext,
    /** Staff override of duplicate suppression across jobs (recorded on JobCreated). */
    readonly force = false,
  ) {
    super();
  }
}
