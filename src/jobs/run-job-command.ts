import { WrongExpectedVersionError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { executeCommand } from '../shared/command-executor';
import { DomainError } from '../shared/decider';
import type { JobCommand } from './job.commands';
import { jobDecider } from './job.decider';
import { jobStreamId, type JobStatus } from './job.events';
import { appendMetadata, type CommandContext } from '../shared/command-context';

export interface JobCommandResult {
  readonly jobId: string;
  readonly status: JobStatus;
  /** The stream version after the command: the next If-Match. */
  readonly version: number;
}

/** One command on an existing job, at the version the caller saw. */
export async function runJobCommand(
  store: EventStore,
  jobId: string,
  command: JobCommand,
  expectedVersion: number,
  context: CommandContext,
): Promise<JobCommandResult> {
  try {
    const metadata = appendMetadata(context);
    const result = await executeCommand(store, jobStreamId(jobId), jobDecider, command, { expectedVersion, metadata });
    return { jobId, status: result.state.status, version: result.version };
  } catch (error) {
    // A version conflict on a stream that does not exist is really "no such job".
    if (error instanceof WrongExpectedVersionError && error.actual === 0) {
      throw new DomainError('NOT_FOUND', `Job ${jobId} does not exist`);
    }
    throw error;
  }
}
