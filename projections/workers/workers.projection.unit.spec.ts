import type { Actor } from '../../src/event-store/event-store.port';
import type { SubmissionEvent } from '../../src/submissions/submission.events';
import { evolveSpec } from '../../test/support/projection-evolve-spec';
import { eventLog, timestampOf } from '../../test/support/recorded-events';
import { workersRows, type WorkerRow } from './workers.projection';

const w1: Actor = { kind: 'worker', id: 'w1' };
const w2: Actor = { kind: 'worker', id: 'w2' };
const ids = (directoryId: string) => ({ jobId: 'j1', directoryId });
const started = (directoryId: string, workerId: string): SubmissionEvent => ({
  type: 'SubmissionAttemptStarted',
  data: { ...ids(directoryId), workerId, attempt: 1 },
});
const idle: WorkerRow = {
  id: 'w1',
  current_job_id: null,
  current_directory_id: null,
  attempts_started: 0,
  succeeded: 0,
  failed: 0,
  needs_manual: 0,
  retries_scheduled: 0,
  last_event_at: '',
  version: 0,
};
const rows = evolveSpec(workersRows);

describe('workers projection rows (given events, when an event, then the row)', () => {
  it('shows a worker busy with the submission whose attempt it started', () => {
    const log = eventLog();
    rows
      .given()
      .when(log.submission(started('d1', 'w1'), w1))
      .then([
        { ...idle, attempts_started: 1, current_job_id: 'j1', current_directory_id: 'd1', last_event_at: timestampOf(1), version: 1 },
      ]);
  });

  it('counts each outcome in its column and shows the worker idle again', () => {
    const log = eventLog();
    const history = [
      log.submission(started('d1', 'w1'), w1),
      log.submission({ type: 'SubmissionSucceeded', data: { ...ids('d1'), attempt: 1, listingUrl: null, evidencePath: null } }, w1),
      log.submission(started('d2', 'w1'), w1),
      log.submission(
        {
          type: 'SubmissionRetryScheduled',
          data: { ...ids('d2'), attempt: 2, delayMs: 30_000, errorClass: 'transient', message: 'timeout' },
        },
        w1,
      ),
      log.submission(started('d3', 'w1'), w1),
    ];
    const manual = log.submission(
      { type: 'SubmissionNeedsManual', data: { ...ids('d3'), attempt: 1, reason: 'captcha', evidencePath: null } },
      w1,
    );
    rows
      .given(...history)
      .when(manual)
      .then([
        { ...idle, attempts_started: 3, succeeded: 1, retries_scheduled: 1, needs_manual: 1, last_event_at: timestampOf(6), version: 6 },
      ]);
  });

  it('keeps one row per worker, from the actor of each event', () => {
    const log = eventLog();
    const history = [log.submission(started('d1', 'w1'), w1), log.submission(started('d2', 'w2'), w2)];
    const failed = log.submission(
      { type: 'SubmissionFailed', data: { ...ids('d2'), attempt: 1, errorClass: 'permanent', message: 'rejected', evidencePath: null } },
      w2,
    );
    rows
      .given(...history)
      .when(failed)
      .then([
        { ...idle, attempts_started: 1, current_job_id: 'j1', current_directory_id: 'd1', last_event_at: timestampOf(1), version: 1 },
        { ...idle, id: 'w2', attempts_started: 1, failed: 1, last_event_at: timestampOf(3), version: 2 },
      ]);
  });

  it('ignores events not caused by a worker, and events it does not count', () => {
    const log = eventLog();
    const given = log.submission(started('d1', 'w1'), w1);
    rows
      .given(given)
      .when(log.submission(started('d2', 'w1'), { kind: 'staff', id: 's1' }))
      .thenUnchanged();
    rows
      .given(given)
      .when(log.submission({ type: 'SubmissionSkipped', data: { ...ids('d1'), reason: 'duplicate' } }, w1))
      .thenUnchanged();
  });
});
