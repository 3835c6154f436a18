import { DomainError, isBlank, rejectUnknownCommand, type StreamDecider } from '../shared/decider';
import type {
  RecordDeadLetter,
  RecordFailure,
  RecordNeedsManual,
  RecordSuccess,
  RedriveSubmission,
  ReopenSubmission,
  ScheduleSubmission,
  SkipAlreadySubmitted,
  SkipDuplicate,
  StartAttempt,
  SubmissionCommand,
} from './submission.commands';
import { REOPENABLE_SUBMISSION_STATUSES, SUBMISSION_EVENT_TYPES, type SubmissionEvent } from './submission.events';
import { evolveSubmission, initialSubmissionState, isTerminal, type SubmissionState } from './submission.state';

export type {
  RecordDeadLetter,
  RecordFailure,
  RecordNeedsManual,
  RecordSuccess,
  RedriveSubmission,
  ReopenSubmission,
  ScheduleSubmission,
  SkipAlreadySubmitted,
  SkipDuplicate,
  StartAttempt,
  SubmissionCommand,
} from './submission.commands';
export type { SubmissionState } from './submission.state';
export { evolveSubmission, initialSubmissionState, isTerminal } from './submission.state';

export const MAX_ERROR_MESSAGE_LENGTH = 500;
const STACK_FRAME = /^\s+at /;
const PRIORITIES: readonly string[] = ['P1', 'P2', 'P3'];

export function decideSubmission(command: SubmissionCommand, state: SubmissionState): readonly SubmissionEvent[] {
  switch (command.type) {
    case 'ScheduleSubmission':
      return scheduleSubmission(command, state);
    case 'StartAttempt':
      return startAttempt(command, existing(command, state));
    case 'RecordSuccess':
      return recordSuccess(command, existing(command, state));
    case 'RecordFailure':
      return recordFailure(command, existing(command, state));
    case 'RecordNeedsManual':
      return recordNeedsManual(command, existing(command, state));
    case 'SkipDuplicate':
      return skipDuplicate(command, existing(command, state));
    case 'SkipAlreadySubmitted':
      return skipAlreadySubmitted(command, existing(command, state));
    case 'ReopenSubmission':
      return reopenSubmission(command, existing(command, state));
    case 'RecordDeadLetter':
      return recordDeadLetter(command, existing(command, state));
    case 'RedriveSubmission':
      return redriveSubmission(command, existing(command, state));
    default:
      return rejectUnknownCommand(command);
  }
}

export const submissionDecider: StreamDecider<SubmissionCommand, SubmissionEvent, SubmissionState> = {
  eventTypes: SUBMISSION_EVENT_TYPES,
  decide: decideSubmission,
  evolve: evolveSubmission,
  initialState: initialSubmissionState,
};

/** Stack frames and whitespace out, length bounded: error text ends up in events and read tables. */
export function sanitizeErrorMessage(text: string): string {
  const kept = String(text)
    .split(/\r\n|\r|\n/)
    .filter((line) => !STACK_FRAME.test(line));
  const cut = kept.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_MESSAGE_LENGTH);
  // Never end on half of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function scheduleSubmission({ data }: ScheduleSubmission, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.exists) return [];
  const { jobId, directoryId, idempotencyKey, priority } = data;
  for (const [field, value] of Object.entries({ jobId, directoryId, idempotencyKey })) {
    if (isBlank(value)) throw new DomainError('INVALID_COMMAND', `Cannot schedule submission: ${field} is required`);
  }
  if (!PRIORITIES.includes(priority)) {
    throw new DomainError('INVALID_COMMAND', `Cannot schedule submission ${jobId}/${directoryId}: unknown priority ${priority}`);
  }
  return [{ type: 'SubmissionScheduled', data: { jobId, directoryId, idempotencyKey, priority } }];
}

/** From in_progress too: the previous worker crashed and the message was redelivered. */
function startAttempt({ data }: StartAttempt, state: SubmissionState): readonly SubmissionEvent[] {
  if (isTerminal(state)) throw illegal('start an attempt of', state);
  if (isBlank(data.workerId)) throw invalid('start an attempt of', state, 'workerId is required');
  const attempt = state.attempts + 1;
  return [{ type: 'SubmissionAttemptStarted', data: { ...ids(state), workerId: data.workerId, attempt } }];
}

function recordSuccess({ data }: RecordSuccess, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status === 'succeeded') return [];
  if (state.status !== 'in_progress') throw illegal('record success of', state);
  const { listingUrl, evidencePath } = data;
  return [{ type: 'SubmissionSucceeded', data: { ...ids(state), attempt: state.attempts, listingUrl, evidencePath } }];
}

function recordFailure({ data }: RecordFailure, state: SubmissionState): readonly SubmissionEvent[] {
  const verb = 'record failure of';
  if (state.status !== 'in_progress') throw illegal(verb, state);
  if (!Number.isSafeInteger(data.maxAttempts) || data.maxAttempts < 1) {
    throw invalid(verb, state, 'maxAttempts must be a positive integer');
  }
  if (!Number.isFinite(data.retryDelayMs) || data.retryDelayMs < 0) {
    throw invalid(verb, state, 'retryDelayMs must be a non-negative number');
  }
  const { errorClass, evidencePath } = data;
  const message = sanitizeErrorMessage(data.message);
  const attempt = state.attempts;
  if (errorClass === 'transient' && attempt - state.attemptsBeforeReopen < data.maxAttempts) {
    const delayMs = data.retryDelayMs;
    return [{ type: 'SubmissionRetryScheduled', data: { ...ids(state), attempt: attempt + 1, delayMs, errorClass, message } }];
  }
  return [{ type: 'SubmissionFailed', data: { ...ids(state), attempt, errorClass, message, evidencePath } }];
}

function recordNeedsManual({ data }: RecordNeedsManual, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status !== 'in_progress') throw illegal('record needs-manual of', state);
  const { reason, evidencePath } = data;
  return [{ type: 'SubmissionNeedsManual', data: { ...ids(state), attempt: state.attempts, reason, evidencePath } }];
}

function skipDuplicate(_command: SkipDuplicate, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status === 'skipped') return [];
  if (isTerminal(state)) throw illegal('skip', state);
  return [{ type: 'SubmissionSkipped', data: { ...ids(state), reason: 'duplicate' } }];
}

/**
 * Any time before the site answered (after a lost attempt too: the listing is there either way);
 * a repeat is a no-op. The pointer must name another job's submission to this same directory.
 */
function skipAlreadySubmitted({ data }: SkipAlreadySubmitted, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status === 'skipped' && state.skipReason === 'already-submitted') return [];
  if (isTerminal(state)) throw illegal('skip', state);
  const { jobId, directoryId, acceptedAt, listingUrl, evidencePath } = data.earlier;
  if (isBlank(jobId) || jobId === state.jobId) throw invalid('skip', state, "the earlier submission must be another job's");
  if (directoryId !== state.directoryId) throw invalid('skip', state, 'the earlier submission must be to the same directory');
  if (Number.isNaN(Date.parse(acceptedAt))) throw invalid('skip', state, 'the earlier submission needs the time it was accepted');
  const earlier = { jobId, directoryId, acceptedAt, listingUrl, evidencePath };
  return [{ type: 'SubmissionSkipped', data: { ...ids(state), reason: 'already-submitted', earlier } }];
}

/**
 * Idempotent per requeue: the reaction and a worker both try, and a redelivered message of an
 * earlier retry must not reopen what a later one finished.
 */
function reopenSubmission({ data }: ReopenSubmission, state: SubmissionState): readonly SubmissionEvent[] {
  if (isBlank(data.requeueId)) throw invalid('reopen', state, 'requeueId is required');
  if (state.reopenedBy.includes(data.requeueId)) return [];
  const from = REOPENABLE_SUBMISSION_STATUSES.find((status) => status === state.status);
  if (!from) throw illegal('reopen', state);
  const { requeueId } = data;
  return [{ type: 'SubmissionReopened', data: { ...ids(state), from, requeueId, attemptsBefore: state.attempts } }];
}

/** Idempotent: the monitor lists the same dead letter again and again until it is redriven. */
function recordDeadLetter({ data }: RecordDeadLetter, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status === 'dead_lettered') return [];
  // A finished submission is not held up by a stray copy of its message.
  if (isTerminal(state)) throw illegal('record a dead letter of', state);
  if (isBlank(data.messageId)) throw invalid('record a dead letter of', state, 'messageId is required');
  const reason = sanitizeErrorMessage(data.reason) || 'dead-lettered';
  return [{ type: 'SubmissionDeadLettered', data: { ...ids(state), messageId: data.messageId, reason } }];
}

/** Idempotent per dead letter: a redrive repeated after a crash (before the letter was discarded) changes nothing. */
function redriveSubmission({ data }: RedriveSubmission, state: SubmissionState): readonly SubmissionEvent[] {
  if (state.status !== 'dead_lettered' && state.redrivenMessageId === data.messageId) return [];
  if (state.status !== 'dead_lettered') throw illegal('redrive', state);
  if (isBlank(data.messageId)) throw invalid('redrive', state, 'messageId is required');
  return [{ type: 'SubmissionRedriven', data: { ...ids(state), messageId: data.messageId } }];
}

function ids(state: SubmissionState): { readonly jobId: string; readonly directoryId: string } {
  return { jobId: state.jobId, directoryId: state.directoryId };
}

const VERBS: Readonly<Record<SubmissionCommand['type'], string>> = {
  ScheduleSubmission: 'schedule',
  StartAttempt: 'start an attempt of',
  RecordSuccess: 'record success of',
  RecordFailure: 'record failure of',
  RecordNeedsManual: 'record needs-manual of',
  SkipDuplicate: 'skip',
  SkipAlreadySubmitted: 'skip',
  ReopenSubmission: 'reopen',
  RecordDeadLetter: 'record a dead letter of',
  RedriveSubmission: 'redrive',
};

function existing(command: SubmissionCommand, state: SubmissionState): SubmissionState {
  if (!state.exists) throw new DomainError('NOT_FOUND', `Cannot ${VERBS[command.type]} submission: it is not scheduled`);
  return state;
}

function illegal(verb: string, state: SubmissionState): DomainError {
  return new DomainError('ILLEGAL_TRANSITION', `Cannot ${verb} submission ${state.jobId}/${state.directoryId}: it is ${state.status}`);
}

function invalid(verb: string, state: SubmissionState, problem: string): DomainError {
  return new DomainError('INVALID_COMMAND', `Cannot ${verb} submission ${state.jobId}/${state.directoryId}: ${problem}`);
}
