import { DomainError, isBlank } from '../shared/decider';
import { MAX_DIRECTORIES_PER_JOB, type CreateJob } from './job.commands';
import { PRIORITY_BY_TIER, type JobStatus, type OutcomeCounts, type Priority } from './job.events';
import type { JobState } from './job.state';

const KNOWN_STATUSES: Readonly<Record<JobStatus, true>> = {
  pending: true,
  queued: true,
  in_progress: true,
  complete: true,
  failed: true,
  cancelled: true,
};

export function illegal(verb: string, state: JobState, detail?: string): DomainError {
  const suffix = detail === undefined ? '' : ` (${detail})`;
  return new DomainError('ILLEGAL_TRANSITION', `Cannot ${verb} job ${state.jobId}: it is ${state.status}${suffix}`);
}

function invalid(verb: string, jobId: string, problem: string): DomainError {
  return new DomainError('INVALID_COMMAND', `Cannot ${verb} job ${jobId}: ${problem}`);
}

export function requireText(value: string, field: string, verb: string, state: JobState): void {
  if (isBlank(value)) throw invalid(verb, state.jobId, `${field} is required`);
}

/** Returns the priority of the tier, so the caller need not look it up again. */
export function validateNewJob(data: CreateJob['data']): Priority {
  const { jobId, customerId, packageTier, business } = data;
  if (isBlank(jobId)) throw new DomainError('INVALID_COMMAND', 'Cannot create job: jobId is required');
  if (isBlank(customerId)) throw invalid('create', jobId, 'customerId is required');
  if (!Object.hasOwn(PRIORITY_BY_TIER, packageTier)) throw invalid('create', jobId, `unknown package tier ${packageTier}`);
  if (data.directoryIds.length > MAX_DIRECTORIES_PER_JOB) {
    throw invalid('create', jobId, `more than ${MAX_DIRECTORIES_PER_JOB} directories (${data.directoryIds.length})`);
  }
  requireDistinctIds(data.directoryIds, 'create', jobId);
  if (isBlank(business?.businessName)) throw invalid('create', jobId, 'businessName is required');
  if (isBlank(business.email)) throw invalid('create', jobId, 'email is required');
  return PRIORITY_BY_TIER[packageTier];
}

/** Non-empty, no blanks, no duplicates, and every id one of the job's directories. */
export function requireDirectoriesOfJob(ids: readonly string[], jobDirectoryIds: readonly string[], verb: string, state: JobState): void {
  requireDistinctIds(ids, verb, state.jobId);
  const foreign = ids.find((id) => !jobDirectoryIds.includes(id));
  if (foreign !== undefined) throw invalid(verb, state.jobId, `directory ${foreign} is not part of the job`);
}

function requireDistinctIds(ids: readonly string[], verb: string, jobId: string): void {
  if (ids.length === 0) throw invalid(verb, jobId, 'directoryIds must not be empty');
  if (ids.some((id) => isBlank(id))) throw invalid(verb, jobId, 'directoryIds must not contain blank ids');
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw invalid(verb, jobId, `directory ${duplicate} is listed twice`);
}

export function requireValidCounts(counts: OutcomeCounts, verb: string, state: JobState): void {
  const values = [counts?.succeeded, counts?.failed, counts?.needsManual, counts?.skipped, counts?.deadLettered ?? 0];
  if (!values.every((value) => Number.isSafeInteger(value) && value >= 0)) {
    throw invalid(verb, state.jobId, 'counts must be four non-negative integers');
  }
}

export function requireValidStatus(status: JobStatus, verb: string, state: JobState): void {
  if (!Object.hasOwn(KNOWN_STATUSES, status)) throw invalid(verb, state.jobId, `unknown status ${status}`);
}
