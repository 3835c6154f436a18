import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decodeEvents } from '../../event-store/event-decoding';
import { WrongExpectedVersionError } from '../../event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port';
import { DomainError, fold } from '../../shared/decider';
import { submissionDecider } from '../../submissions/submission.decider';
import {
  REOPENABLE_SUBMISSION_STATUSES,
  SUBMISSION_EVENT_TYPES,
  submissionStreamId,
  type SubmissionEvent,
  type SubmissionStatus,
} from '../../submissions/submission.events';
import { jobDecider } from '../job.decider';
import { JOB_EVENT_TYPES, jobStreamId, type JobEvent } from '../job.events';
import { RetryJobCommand } from './retry-job.command';
import { runJobCommand, type JobCommandResult } from '../run-job-command';

export interface RetryJobResult extends JobCommandResult {
  readonly retriedDirectoryIds: readonly string[];
}

const PARALLEL_READS = 8;

/**
 * One event on the job stream (a manual JobRequeued naming the directories) is the whole write:
 * the submissions reopen from it (scheduler reaction, or the worker that gets the message first),
 * so a failure here leaves nothing half-done. The submissions' own streams say what may reopen.
 */
@CommandHandler(RetryJobCommand)
export class RetryJobHandler implements ICommandHandler<RetryJobCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ jobId, reason, directoryIds, expectedVersion, context }: RetryJobCommand): Promise<RetryJobResult> {
    const { events, version } = await this.store.readStream(jobStreamId(jobId));
    if (events.length === 0) throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    // Fail fast on a stale If-Match, before reading every submission.
    if (expectedVersion !== version) throw new WrongExpectedVersionError(jobStreamId(jobId), expectedVersion, version);
    const job = fold(jobDecider, decodeEvents<JobEvent>(JOB_EVENT_TYPES, events));
    const foreign = directoryIds?.find((id) => !job.directoryIds.includes(id));
    if (foreign !== undefined)
      throw new DomainError('INVALID_COMMAND', `Cannot retry job ${jobId}: directory ${foreign} is not part of the job`);
    const statuses = await this.statusesOf(jobId, directoryIds ?? job.directoryIds);
    const retryable = statuses.filter(([, status]) => isReopenable(status)).map(([id]) => id);
    const refused = directoryIds ? statuses.find(([, status]) => !isReopenable(status)) : undefined;
    if (refused) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `Cannot retry job ${jobId}: directory ${refused[0]} is ${refused[1] ?? 'not scheduled yet'} (only failed or needs-manual submissions can be retried)`,
      );
    }
    if (retryable.length === 0)
      throw new DomainError('ILLEGAL_TRANSITION', `Cannot retry job ${jobId}: it has no failed or needs-manual submissions`);
    const command = { type: 'RequeueJob', data: { reason: 'manual', directoryIds: retryable, note: reason } } as const;
    const result = await runJobCommand(this.store, jobId, command, expectedVersion, context);
    return { ...result, retriedDirectoryIds: retryable };
  }

  private async statusesOf(jobId: string, directoryIds: readonly string[]): Promise<[string, SubmissionStatus | null][]> {
    const result: [string, SubmissionStatus | null][] = [];
    for (let i = 0; i < directoryIds.length; i += PARALLEL_READS) {
      const batch = directoryIds.slice(i, i + PARALLEL_READS);
      result.push(
        ...(await Promise.all(
          batch.map(async (id): Promise<[string, SubmissionStatus | null]> => {
            const { events } = await this.store.readStream(submissionStreamId(jobId, id));
            const state = fold(submissionDecider, decodeEvents<SubmissionEvent>(SUBMISSION_EVENT_TYPES, events));
            return [id, state.exists ? state.status : null];
          }),
        )),
      );
    }
    return result;
  }
}

function isReopenable(status: SubmissionStatus | null): boolean {
  return (REOPENABLE_SUBMISSION_STATUSES as readonly (SubmissionStatus | null)[]).includes(status);
}
