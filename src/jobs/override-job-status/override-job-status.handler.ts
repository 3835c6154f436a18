import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { OverrideJobStatusCommand } from './override-job-status.command';
import { runJobCommand, type JobCommandResult } from '../run-job-command';

@CommandHandler(OverrideJobStatusCommand)
export class OverrideJobStatusHandler implements ICommandHandler<OverrideJobStatusCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(command: OverrideJobStatusCommand): Promise<JobCommandResult> {
    const { jobId, status, reason, expectedVersion, context } = command;
    const data = { to: status, reason, staffId: context.actor.id };
    return runJobCommand(this.store, jobId, { type: 'OverrideJobStatus', data }, expectedVersion, context);
  }
}
