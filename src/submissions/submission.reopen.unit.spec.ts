import { given as givenDecider } from '../../test/support/decider-spec';
import { submissionDecider, type SubmissionCommand } from './submission.decider';
import type { SubmissionEvent, SubmissionStatus } from './submission.events';
import { attemptStarted, historyOf, ids, retryScheduled, scheduled } from '../../test/support/submission.fixtures';

const given = (events: readonly SubmissionEvent[] = []) => givenDecider(submissionDecider, events);
const reopen = (requeueId = 'rq-1'): SubmissionCommand => ({ type: 'ReopenSubmission', data: { requeueId } });
const reopened = (from: 'failed' | 'needs_manual', attemptsBefore: number, requeueId = 'rq-1'): SubmissionEvent => ({
  type: 'SubmissionReopened',
  data: { ...ids, from, requeueId, attemptsBefore },
});
const transientFailure: SubmissionCommand = {
  type: 'RecordFailure',
  data: { errorClass: 'transient', message: 'timeout', evidencePath: null, maxAttempts: 3, retryDelayMs: 1_000 },
};
const exhausted: SubmissionEvent[] = [
  scheduled,
  attemptStarted(1),
  retryScheduled(2),
  attemptStarted(2),
  retryScheduled(3),
  attemptStarted(3),
  { type: 'SubmissionFailed', data: { ...ids, attempt: 3, errorClass: 'transient', message: 'timeout', evidencePath: null } },
];

describe('ReopenSubmission', () => {
  it.each<'failed' | 'needs_manual'>(['failed', 'needs_manual'])('reopens a %s submission', (status) => {
    given(historyOf[status])
      .when(reopen())
      .then([reopened(status, 1)]);
  });

  it('does nothing the second time for the same requeue (the reaction and a worker both try)', () => {
    given([...historyOf.failed, reopened('failed', 1)])
      .when(reopen())
      .then([]);
  });

  it('does nothing when a redelivered message of an earlier requeue arrives after that retry failed again', () => {
    given([...historyOf.failed, reopened('failed', 1), attemptStarted(2), failedOn(2)])
      .when(reopen('rq-1'))
      .then([]);
  });

  it('reopens again for a later requeue', () => {
    given([...historyOf.failed, reopened('failed', 1), attemptStarted(2), failedOn(2)])
      .when(reopen('rq-2'))
      .then([reopened('failed', 2, 'rq-2')]);
  });

  it.each<SubmissionStatus>(['scheduled', 'in_progress', 'retry_scheduled', 'succeeded', 'skipped'])(
    'refuses a %s submission',
    (status) => {
      given(historyOf[status]).when(reopen()).thenThrows('ILLEGAL_TRANSITION', `Cannot reopen submission 123/d1: it is ${status}`);
    },
  );

  it('requires the requeue id', () => {
    given(historyOf.failed)
      .when(reopen(' '))
      .thenThrows('INVALID_COMMAND', /requeueId is required/);
  });

  it('refuses a submission that is not scheduled', () => {
    given().when(reopen()).thenThrows('NOT_FOUND', 'Cannot reopen submission: it is not scheduled');
  });
});

describe('a reopened submission', () => {
  it('starts its next attempt from where it stopped', () => {
    given([...exhausted, reopened('failed', 3)])
      .when({ type: 'StartAttempt', data: { workerId: 'w9' } })
      .then([attemptStarted(4, 'w9')]);
  });

  it('has a fresh retry budget: a transient failure after the reopening is retried', () => {
    given([...exhausted, reopened('failed', 3), attemptStarted(4)])
      .when(transientFailure)
      .then([
        {
          type: 'SubmissionRetryScheduled',
          data: { ...ids, attempt: 5, delayMs: 1_000, errorClass: 'transient', message: 'timeout' },
        },
      ]);
  });

  it('fails for good once the fresh budget is spent too', () => {
    const history = [
      ...exhausted,
      reopened('failed', 3),
      attemptStarted(4),
      retryScheduled(5),
      attemptStarted(5),
      retryScheduled(6),
      attemptStarted(6),
    ];
    given(history)
      .when(transientFailure)
      .then([
        {
          type: 'SubmissionFailed',
          data: { ...ids, attempt: 6, errorClass: 'transient', message: 'timeout', evidencePath: null },
        },
      ]);
  });
});

function failedOn(attempt: number): SubmissionEvent {
  return { type: 'SubmissionFailed', data: { ...ids, attempt, errorClass: 'permanent', message: 'form rejected', evidencePath: null } };
}
