import { DomainError, rejectUnknownCommand, type StreamDecider } from '../shared/decider';
import type {
  CancelJob,
  CompleteJob,
  CreateJob,
  FailJob,
  JobCommand,
  OverrideJobStatus,
  ReopenJob,
  RequeueJob,
  StartJob,
} from './job.commands';
import { JOB_EVENT_TYPES, type JobEvent, type JobStatus } from './job.events';
import { evolveJob, initialJobState, type JobState } from './job.state';
import { illegal, requireDirectoriesOfJob, requireText, requireValidCounts, requireValidStatus, validateNewJob } from './job.validation';

export type {
  CancelJob,
  CompleteJob,
  CreateJob,
  FailJob,
  JobCommand,
  OverrideJobStatus,
  ReopenJob,
  RequeueJob,
  StartJob,
} from './job.commands';
export { MAX_DIRECTORIES_PER_JOB } from './job.commands';
export type { JobState } from './job.state';
export { evolveJob, initialJobState } from './job.state';

export function decideJob(command: JobCommand, state: JobState): readonly JobEvent[] {
  switch (command.type) {
    case 'CreateJob':
      return createJob(command, state);
    case 'StartJob':
      return startJob(command, existing(command, state));
    case 'RequeueJob':
      return requeueJob(command, existing(command, state));
    case 'CompleteJob':
      return completeJob(command, existing(command, state));
    case 'FailJob':
      return failJob(command, existing(command, state));
    case 'ReopenJob':
      return reopenJob(command, existing(command, state));
    case 'CancelJob':
      return cancelJob(command, existing(command, state));
    case 'OverrideJobStatus':
      return overrideJobStatus(command, existing(command, state));
    default:
      return rejectUnknownCommand(command);
  }
}

export const jobDecider: StreamDecider<JobCommand, JobEvent, JobState> = {
  eventTypes: JOB_EVENT_TYPES,
  decide: decideJob,
  evolve: evolveJob,
  initialState: initialJobState,
};

function createJob({ data }: CreateJob, state: JobState): readonly JobEvent[] {
  if (state.exists) throw new DomainError('ALREADY_EXISTS', `Cannot create job ${data.jobId}: it already exists`);
  const priority = validateNewJob(data);
  const { jobId, customerId, packageTier, business } = data;
  const directoryIds = [...data.directoryIds];
  // Only a forced job carries the flag: an ordinary JobCreated keeps its earlier shape.
  const force = data.force === true ? { force: true } : {};
  return [
    { type: 'JobCreated', data: { jobId, customerId, packageTier, priority, directoryIds, business, ...force } },
    { type: 'JobQueued', data: { jobId, priority, directoryIds } },
  ];
}

function startJob(command: StartJob, state: JobState): readonly JobEvent[] {
  // A second worker picking up a job already in progress is normal, not a conflict.
  if (state.status === 'in_progress') return [];
  if (state.status !== 'queued') throw illegal('start', state);
  requireText(command.data.workerId, 'workerId', 'start', state);
  return [{ type: 'JobStarted', data: { jobId: state.jobId, workerId: command.data.workerId } }];
}

/**
 * Stale and redrive requeues resend open work; a manual one is staff retrying failed or parked
 * submissions, which also reopens a job that had finished (the submissions say which may reopen).
 */
function requeueJob({ data }: RequeueJob, state: JobState): readonly JobEvent[] {
  const manual = data.reason === 'manual';
  if (!manual && state.status === 'failed') throw illegal('requeue', state, 'only a manual requeue restarts a failed job');
  if (!manual && state.status === 'complete') throw illegal('requeue', state, 'only a manual requeue reopens a complete job');
  if (!isOneOf(state.status, ['queued', 'in_progress', 'failed', 'complete'])) throw illegal('requeue', state);
  requireDirectoriesOfJob(data.directoryIds, state.directoryIds, 'requeue', state);
  if (manual) requireText(data.note ?? '', 'note', 'requeue', state);
  const directoryIds = [...data.directoryIds];
  const note = manual ? { note: data.note } : {};
  return [{ type: 'JobRequeued', data: { jobId: state.jobId, reason: data.reason, directoryIds, ...note } }];
}

function completeJob({ data }: CompleteJob, state: JobState): readonly JobEvent[] {
  // Job progress may replay the "all submissions terminal" reaction.
  if (state.status === 'complete') return [];
  if (isOneOf(state.status, ['cancelled', 'failed', 'pending'])) throw illegal('complete', state);
  requireValidCounts(data.counts, 'complete', state);
  return [{ type: 'JobCompleted', data: { jobId: state.jobId, counts: data.counts } }];
}

function failJob({ data }: FailJob, state: JobState): readonly JobEvent[] {
  if (state.status === 'failed') return [];
  if (isOneOf(state.status, ['complete', 'cancelled'])) throw illegal('fail', state);
  requireText(data.reason, 'reason', 'fail', state);
  requireValidCounts(data.counts, 'fail', state);
  return [{ type: 'JobFailed', data: { jobId: state.jobId, reason: data.reason, counts: data.counts } }];
}

/**
 * Job progress saw a submission open again. Normally the staff retry already put the job back in
 * the queue; only when the job's finish overtook the retry is there something to undo.
 */
function reopenJob({ data }: ReopenJob, state: JobState): readonly JobEvent[] {
  requireDirectoriesOfJob([data.directoryId], state.directoryIds, 'reopen', state);
  if (isOneOf(state.status, ['queued', 'in_progress'])) return [];
  if (!isOneOf(state.status, ['complete', 'failed'])) throw illegal('reopen', state);
  return [{ type: 'JobReopened', data: { jobId: state.jobId, directoryId: data.directoryId, reason: data.reason } }];
}

function cancelJob({ data }: CancelJob, state: JobState): readonly JobEvent[] {
  if (isOneOf(state.status, ['complete', 'failed', 'cancelled'])) throw illegal('cancel', state);
  requireText(data.reason, 'reason', 'cancel', state);
  return [{ type: 'JobCancelled', data: { jobId: state.jobId, reason: data.reason } }];
}

/** The staff escape hatch: any status to any other, always with a reason and a name on it. */
function overrideJobStatus({ data }: OverrideJobStatus, state: JobState): readonly JobEvent[] {
  const verb = 'override the status of';
  requireValidStatus(data.to, verb, state);
  requireText(data.reason, 'reason', verb, state);
  requireText(data.staffId, 'staffId', verb, state);
  if (data.to === state.status) {
    throw new DomainError('INVALID_COMMAND', `Cannot ${verb} job ${state.jobId}: it is already ${state.status}`);
  }
  const { to, reason, staffId } = data;
  return [{ type: 'JobStatusOverridden', data: { jobId: state.jobId, from: state.status, to, reason, staffId } }];
}

function isOneOf(status: JobStatus, statuses: readonly JobStatus[]): boolean {
  return statuses.includes(status);
}

const VERBS: Readonly<Record<JobCommand['type'], string>> = {
  CreateJob: 'create',
  StartJob: 'start',
  RequeueJob: 'requeue',
  CompleteJob: 'complete',
  FailJob: 'fail',
  ReopenJob: 'reopen',
  CancelJob: 'cancel',
  OverrideJobStatus: 'override the status of',
};

function existing(command: JobCommand, state: JobState): JobState {
  if (!state.exists) throw new DomainError('NOT_FOUND', `Cannot ${VERBS[command.type]} job: it does not exist`);
  return state;
}
