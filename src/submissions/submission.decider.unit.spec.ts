import { given as givenDecider } from '../../test/support/decider-spec';
import { submissionDecider, type RecordFailure, type SubmissionCommand } from './submission.decider';
import type { SubmissionEvent, SubmissionStatus } from './submission.events';
import {
  attemptStarted,
  deadLettered,
  historyOf,
  ids,
  redriven,
  retryScheduled,
  scheduled,
  skipped,
} from '../../test/support/submission.fixtures';
import { forged } from '../../test/support/forged';

const given = (events: readonly SubmissionEvent[] = []) => givenDecider(submissionDecider, events);
const statuses = (...list: SubmissionStatus[]): SubmissionStatus[] => list;
const terminal = statuses('succeeded', 'failed', 'needs_manual', 'skipped');

describe('ScheduleSubmission', () => {
  const schedule = (overrides: Partial<Extract<SubmissionCommand, { type: 'ScheduleSubmission' }>['data']> = {}): SubmissionCommand => ({
    type: 'ScheduleSubmission',
    data: { ...ids, idempotencyKey: 'key-1', priority: 'P2', ...overrides },
  });

  it('schedules the submission', () => {
    given().when(schedule()).then([scheduled]);
  });

  it.each(Object.keys(historyOf) as SubmissionStatus[])('does nothing when it already exists (%s)', (status) => {
    given(historyOf[status]).when(schedule()).then([]);
  });

  it.each<[string, Parameters<typeof schedule>[0], RegExp]>([
    ['a blank job id', { jobId: '' }, /jobId is required/],
    ['a blank directory id', { directoryId: ' ' }, /directoryId is required/],
    ['a blank idempotency key', { idempotencyKey: '' }, /idempotencyKey is required/],
    ['an unknown priority', { priority: 'P0' as 'P1' }, /unknown priority P0/],
  ])('refuses %s', (_, overrides, message) => {
    given().when(schedule(overrides)).thenThrows('INVALID_COMMAND', message);
  });
});

describe('StartAttempt', () => {
  const start: SubmissionCommand = { type: 'StartAttempt', data: { workerId: 'w2' } };

  it('starts attempt 1 of a scheduled submission', () => {
    given(historyOf.scheduled)
      .when(start)
      .then([attemptStarted(1, 'w2')]);
  });

  it('starts the next attempt after a retry was scheduled', () => {
    given(historyOf.retry_scheduled)
      .when(start)
      .then([attemptStarted(2, 'w2')]);
  });

  it('starts a new attempt when a crashed attempt is redelivered', () => {
    given(historyOf.in_progress)
      .when(start)
      .then([attemptStarted(2, 'w2')]);
  });

  it.each(terminal)('refuses a %s submission', (status) => {
    given(historyOf[status]).when(start).thenThrows('ILLEGAL_TRANSITION', `Cannot start an attempt of submission 123/d1: it is ${status}`);
  });

  it('requires a worker id', () => {
    given(historyOf.scheduled)
      .when({ type: 'StartAttempt', data: { workerId: ' ' } })
      .thenThrows('INVALID_COMMAND', /workerId is required/);
  });
});

describe('RecordSuccess', () => {
  const success: SubmissionCommand = { type: 'RecordSuccess', data: { listingUrl: 'https://dir.test/l/9', evidencePath: 'e/9.png' } };

  it('records the success of the current attempt', () => {
    given([...historyOf.retry_scheduled, attemptStarted(2)])
      .when(success)
      .then([
        {
          type: 'SubmissionSucceeded',
          data: { ...ids, attempt: 2, listingUrl: 'https://dir.test/l/9', evidencePath: 'e/9.png' },
        },
      ]);
  });

  it('does nothing when it already succeeded', () => {
    given(historyOf.succeeded).when(success).then([]);
  });

  it.each(statuses('scheduled', 'retry_scheduled', 'failed', 'needs_manual', 'skipped'))('refuses a %s submission', (status) => {
    given(historyOf[status]).when(success).thenThrows('ILLEGAL_TRANSITION', `Cannot record success of submission 123/d1: it is ${status}`);
  });
});

describe('RecordFailure', () => {
  const failure = (overrides: Partial<RecordFailure['data']> = {}): SubmissionCommand => ({
    type: 'RecordFailure',
    data: { errorClass: 'transient', message: 'timeout', evidencePath: 'e/f.png', maxAttempts: 3, retryDelayMs: 61_234, ...overrides },
  });
  const onAttempt = (attempt: number): SubmissionEvent[] => [
    scheduled,
    attemptStarted(1),
    ...Array.from({ length: attempt - 1 }, (_, i) => [retryScheduled(i + 2), attemptStarted(i + 2)]).flat(),
  ];

  it("schedules a retry of a transient failure below the limit, with the caller's delay", () => {
    given(onAttempt(2))
      .when(failure())
      .then([
        {
          type: 'SubmissionRetryScheduled',
          data: { ...ids, attempt: 3, delayMs: 61_234, errorClass: 'transient', message: 'timeout' },
        },
      ]);
  });

  it('fails a transient failure on the last attempt', () => {
    given(onAttempt(3))
      .when(failure())
      .then([
        {
          type: 'SubmissionFailed',
          data: { ...ids, attempt: 3, errorClass: 'transient', message: 'timeout', evidencePath: 'e/f.png' },
        },
      ]);
  });

  it('fails a permanent failure at once', () => {
    given(onAttempt(1))
      .when(failure({ errorClass: 'permanent', message: 'bad zip', evidencePath: null }))
      .then([
        {
          type: 'SubmissionFailed',
          data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'bad zip', evidencePath: null },
        },
      ]);
  });

  it('sanitises the message', () => {
    const message = 'TimeoutError: waiting  for\n\tselector #name\n    at Page.fill (page.js:1:2)\n    at run (w.js:3:4)';
    given(onAttempt(1))
      .when(failure({ errorClass: 'permanent', message, evidencePath: null }))
      .then([
        {
          type: 'SubmissionFailed',
          data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'TimeoutError: waiting for selector #name', evidencePath: null },
        },
      ]);
  });

  it.each(statuses('scheduled', 'retry_scheduled', ...terminal))('refuses a %s submission', (status) => {
    given(historyOf[status])
      .when(failure())
      .thenThrows('ILLEGAL_TRANSITION', `Cannot record failure of submission 123/d1: it is ${status}`);
  });

  it.each<[string, Partial<RecordFailure['data']>, RegExp]>([
    ['zero max attempts', { maxAttempts: 0 }, /maxAttempts must be a positive integer/],
    ['fractional max attempts', { maxAttempts: 2.5 }, /maxAttempts/],
    ['a negative delay', { retryDelayMs: -1 }, /retryDelayMs must be a non-negative number/],
    ['an infinite delay', { retryDelayMs: Number.POSITIVE_INFINITY }, /retryDelayMs/],
  ])('refuses %s', (_, overrides, message) => {
    given(historyOf.in_progress).when(failure(overrides)).thenThrows('INVALID_COMMAND', message);
  });
});

describe('RecordNeedsManual', () => {
  const manual: SubmissionCommand = { type: 'RecordNeedsManual', data: { reason: 'login', evidencePath: 'e/m.png' } };

  it('parks the current attempt for a human', () => {
    given(historyOf.in_progress)
      .when(manual)
      .then([{ type: 'SubmissionNeedsManual', data: { ...ids, attempt: 1, reason: 'login', evidencePath: 'e/m.png' } }]);
  });

  it.each(statuses('scheduled', 'retry_scheduled', ...terminal))('refuses a %s submission', (status) => {
    given(historyOf[status])
      .when(manual)
      .thenThrows('ILLEGAL_TRANSITION', `Cannot record needs-manual of submission 123/d1: it is ${status}`);
  });
});

describe('SkipDuplicate', () => {
  const skip: SubmissionCommand = { type: 'SkipDuplicate', data: {} };

  it.each(statuses('scheduled', 'retry_scheduled', 'in_progress'))('skips a %s submission', (status) => {
    given(historyOf[status]).when(skip).then([skipped]);
  });

  it('does nothing when it is already skipped', () => {
    given(historyOf.skipped).when(skip).then([]);
  });

  it.each(statuses('succeeded', 'failed', 'needs_manual'))('refuses a %s submission', (status) => {
    given(historyOf[status]).when(skip).thenThrows('ILLEGAL_TRANSITION', `Cannot skip submission 123/d1: it is ${status}`);
  });
});

describe('RecordDeadLetter', () => {
  const record = (messageId = 'm1', reason = 'maxReceiveCount (3) exceeded'): SubmissionCommand => ({
    type: 'RecordDeadLetter',
    data: { messageId, reason },
  });

  it.each(statuses('scheduled', 'in_progress', 'retry_scheduled'))('dead-letters a %s submission', (status) => {
    given(historyOf[status]).when(record()).then([deadLettered()]);
  });

  it('does nothing when it is already dead-lettered (the monitor lists it again)', () => {
    given(historyOf.dead_lettered).when(record('m2')).then([]);
  });

  it('dead-letters it again after a redrive', () => {
    given([...historyOf.dead_lettered, redriven(), attemptStarted(2)])
      .when(record('m2'))
      .then([deadLettered('m2')]);
  });

  it.each(statuses('succeeded', 'failed', 'needs_manual', 'skipped'))(
    'refuses a %s submission (a stray copy of a finished one)',
    (status) => {
      given(historyOf[status])
        .when(record())
        .thenThrows('ILLEGAL_TRANSITION', `Cannot record a dead letter of submission 123/d1: it is ${status}`);
    },
  );

  it('keeps a stack trace out of the reason, and requires a message id', () => {
    given(historyOf.in_progress)
      .when(record('m1', 'boom\n    at x (y.ts:1:1)'))
      .then([{ type: 'SubmissionDeadLettered', data: { ...ids, messageId: 'm1', reason: 'boom' } }]);
    given(historyOf.in_progress)
      .when(record(' '))
      .thenThrows('INVALID_COMMAND', /messageId is required/);
  });

  it('is settled: no attempt starts, nothing skips it, and staff retry does not reopen it', () => {
    given(historyOf.dead_lettered)
      .when({ type: 'StartAttempt', data: { workerId: 'w1' } })
      .thenThrows('ILLEGAL_TRANSITION', 'Cannot start an attempt of submission 123/d1: it is dead_lettered');
    given(historyOf.dead_lettered)
      .when({ type: 'SkipDuplicate', data: {} })
      .thenThrows('ILLEGAL_TRANSITION', /it is dead_lettered/);
    given(historyOf.dead_lettered)
      .when({ type: 'ReopenSubmission', data: { requeueId: 'r1' } })
      .thenThrows('ILLEGAL_TRANSITION', /it is dead_lettered/);
  });
});

describe('RedriveSubmission', () => {
  const redrive = (messageId = 'm1'): SubmissionCommand => ({ type: 'RedriveSubmission', data: { messageId } });

  it('opens a dead-lettered submission again', () => {
    given(historyOf.dead_lettered).when(redrive()).then([redriven()]);
  });

  it('does nothing when the same dead letter was redriven already (a retry after a crash)', () => {
    given([...historyOf.dead_lettered, redriven()])
      .when(redrive())
      .then([]);
  });

  it('refuses another dead letter of a submission that is no longer dead-lettered', () => {
    given([...historyOf.dead_lettered, redriven()])
      .when(redrive('m2'))
      .thenThrows('ILLEGAL_TRANSITION', 'Cannot redrive submission 123/d1: it is scheduled');
  });

  it.each(statuses('scheduled', 'in_progress', 'succeeded', 'failed'))('refuses a %s submission', (status) => {
    given(historyOf[status]).when(redrive()).thenThrows('ILLEGAL_TRANSITION', `Cannot redrive submission 123/d1: it is ${status}`);
  });

  it('lets the next attempt start after a redrive', () => {
    given([...historyOf.dead_lettered, redriven()])
      .when({ type: 'StartAttempt', data: { workerId: 'w2' } })
      .then([attemptStarted(2, 'w2')]);
  });
});

describe('a submission that is not scheduled', () => {
  it.each<SubmissionCommand>([
    { type: 'StartAttempt', data: { workerId: 'w1' } },
    { type: 'RecordSuccess', data: { listingUrl: null, evidencePath: null } },
    { type: 'RecordFailure', data: { errorClass: 'transient', message: 'x', evidencePath: null, maxAttempts: 3, retryDelayMs: 0 } },
    { type: 'RecordNeedsManual', data: { reason: 'captcha', evidencePath: null } },
    { type: 'SkipDuplicate', data: {} },
    { type: 'RecordDeadLetter', data: { messageId: 'm1', reason: 'x' } },
    { type: 'RedriveSubmission', data: { messageId: 'm1' } },
  ])('refuses $type as NOT_FOUND', (command) => {
    given()
      .when(command)
      .thenThrows('NOT_FOUND', /^Cannot .+ submission: it is not scheduled$/);
  });
});

it('refuses an unknown command type', () => {
  given(historyOf.in_progress)
    .when(forged<SubmissionCommand>({ type: 'Teleport', data: {} }))
    .thenThrows('INVALID_COMMAND', 'Unknown command type "Teleport"');
});
