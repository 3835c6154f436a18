import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { CancelJobCommand } from './cancel-job.command';
import { runJobCommand, type JobCommandResult } from '../run-job-command';

@CommandHandler(CancelJobCommand)
export class CancelJobHandler implements ICommandHandler<CancelJobCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: CancelJobCommand): Promise<JobCommandResult> {
    const { jobId, reason, expectedVersion, context } = command;
    return runJobCommand(this.store, jobId, { type: 'CancelJob', data: { reason } }, expectedVersion, context);
  }
}
