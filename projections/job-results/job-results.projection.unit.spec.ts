import type { SubmissionEvent } from '../../src/submissions/submission.events';
import { evolveSpec } from '../../test/support/projection-evolve-spec';
import { eventLog, timestampOf } from '../../test/support/recorded-events';
import { jobResultsRows, type JobResultRow } from './job-results.projection';

const ids = { jobId: 'j1', directoryId: 'd1' } as const;
const worker = { kind: 'worker', id: 'w1' } as const;

/** A fresh log of one submission: scheduled (position 1), its first attempt (2), then what the test records. */
const submission = () => {
  const log = eventLog();
  const record = (event: SubmissionEvent) => log.submission(event, worker);
  const started = (attempt: number) => record({ type: 'SubmissionAttemptStarted', data: { ...ids, workerId: 'w1', attempt } });
  const scheduled = record({ type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: 'key-1', priority: 'P2' } });
  return { record, scheduled, first: started(1), started };
};

const scheduledRow: JobResultRow = {
  id: 'j1:d1',
  job_id: 'j1',
  directory_id: 'd1',
  idempotency_key: 'key-1',
  priority: 'P2',
  status: 'scheduled',
  attempts: 0,
  worker_id: null,
  listing_url: null,
  evidence_path: null,
  last_error_class: null,
  last_error: null,
  retry_delay_ms: null,
  manual_reason: null,
  skip_reason: null,
  earlier_job_id: null,
  earlier_accepted_at: null,
  earlier_listing_url: null,
  earlier_evidence_path: null,
  scheduled_at: timestampOf(1),
  started_at: null,
  finished_at: null,
  updated_at: timestampOf(1),
  version: 1,
};
const rows = evolveSpec(jobResultsRows);

describe('job_results projection rows (given events, when an event, then the row)', () => {
  it('creates a scheduled row keyed by job and directory', () => {
    const { scheduled } = submission();
    rows.given().when(scheduled).then([scheduledRow]);
  });

  it('records the attempt, its worker and the first start time', () => {
    const { scheduled, first, started } = submission();
    const second = started(2);
    rows
      .given(scheduled, first)
      .when(second)
      .then([
        {
          ...scheduledRow,
          status: 'in_progress',
          attempts: 2,
          worker_id: 'w1',
          started_at: timestampOf(2),
          updated_at: timestampOf(3),
          version: 3,
        },
      ]);
  });

  it('keeps the error of a scheduled retry, then the listing and evidence of the success', () => {
    const { record, scheduled, first } = submission();
    const history = [scheduled, first];
    const retry = record({
      type: 'SubmissionRetryScheduled',
      data: { ...ids, attempt: 2, delayMs: 30_000, errorClass: 'transient', message: 'timeout' },
    });
    const succeeded = record({
      type: 'SubmissionSucceeded',
      data: { ...ids, attempt: 2, listingUrl: 'https://dir.test/l/1', evidencePath: 'e/1.png' },
    });
    rows
      .given(...history)
      .when(retry, succeeded)
      .then([
        {
          ...scheduledRow,
          status: 'succeeded',
          attempts: 1,
          worker_id: 'w1',
          started_at: timestampOf(2),
          last_error_class: 'transient',
          last_error: 'timeout',
          retry_delay_ms: 30_000,
          listing_url: 'https://dir.test/l/1',
          evidence_path: 'e/1.png',
          finished_at: timestampOf(4),
          updated_at: timestampOf(4),
          version: 4,
        },
      ]);
  });

  it('keeps earlier evidence when a failure has none', () => {
    const { record, scheduled, first } = submission();
    const manual = record({
      type: 'SubmissionNeedsManual',
      data: { ...ids, attempt: 1, reason: 'captcha', evidencePath: 'e/captcha.png' },
    });
    const failed = record({
      type: 'SubmissionFailed',
      data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'rejected', evidencePath: null },
    });
    rows
      .given(scheduled, first, manual)
      .when(failed)
      .then([
        {
          ...scheduledRow,
          status: 'failed',
          attempts: 1,
          worker_id: 'w1',
          started_at: timestampOf(2),
          manual_reason: 'captcha',
          evidence_path: 'e/captcha.png',
          last_error_class: 'permanent',
          last_error: 'rejected',
          finished_at: timestampOf(4),
          updated_at: timestampOf(4),
          version: 4,
        },
      ]);
  });

  it('opens a parked submission again on a reopen, keeping its last error for reference', () => {
    const { record, scheduled, first } = submission();
    const failed = record({
      type: 'SubmissionFailed',
      data: { ...ids, attempt: 1, errorClass: 'permanent', message: 'rejected', evidencePath: 'e/2.png' },
    });
    const reopened = record({ type: 'SubmissionReopened', data: { ...ids, from: 'failed', requeueId: 'r1', attemptsBefore: 1 } });
    rows
      .given(scheduled, first, failed)
      .when(reopened)
      .then([
        {
          ...scheduledRow,
          status: 'scheduled',
          attempts: 1,
          worker_id: 'w1',
          started_at: timestampOf(2),
          evidence_path: 'e/2.png',
          last_error_class: 'permanent',
          last_error: 'rejected',
          finished_at: null,
          updated_at: timestampOf(4),
          version: 4,
        },
      ]);
  });

  it('dead-letters with the reason as last error, and a redrive schedules it again', () => {
    const { record, scheduled, first } = submission();
    const dead = record({ type: 'SubmissionDeadLettered', data: { ...ids, messageId: 'm1', reason: 'maxReceiveCount (3) exceeded' } });
    const redriven = record({ type: 'SubmissionRedriven', data: { ...ids, messageId: 'm1' } });
    const history = [scheduled, first];
    const inFlight = {
      ...scheduledRow,
      attempts: 1,
      worker_id: 'w1',
      started_at: timestampOf(2),
      last_error: 'maxReceiveCount (3) exceeded',
    };
    rows
      .given(...history)
      .when(dead)
      .then([{ ...inFlight, status: 'dead_lettered', finished_at: timestampOf(3), updated_at: timestampOf(3), version: 3 }]);
    rows
      .given(...history, dead)
      .when(redriven)
      .then([{ ...inFlight, status: 'scheduled', finished_at: null, updated_at: timestampOf(4), version: 4 }]);
  });

  it('marks a duplicate skipped, and ignores a second scheduling and events of other streams', () => {
    const { record, scheduled } = submission();
    const skipped = record({ type: 'SubmissionSkipped', data: { ...ids, reason: 'duplicate' } });
    rows
      .given(scheduled)
      .when(skipped)
      .then([
        {
          ...scheduledRow,
          status: 'skipped',
          skip_reason: 'duplicate',
          finished_at: timestampOf(3),
          updated_at: timestampOf(3),
          version: 3,
        },
      ]);
    const again = record({ type: 'SubmissionScheduled', data: { ...ids, idempotencyKey: 'key-2', priority: 'P1' } });
    rows.given(scheduled).when(again).thenUnchanged();
    rows
      .given()
      .when({ ...scheduled, streamId: 'job-j1' })
      .then([]);
  });

  it("points an already-submitted skip at the earlier job's accepted submission and its evidence", () => {
    const { record, scheduled } = submission();
    const earlier = {
      jobId: 'j0',
      directoryId: 'd1',
      acceptedAt: '2026-11-01T10:00:00.000Z',
      listingUrl: 'https://dir.test/l/0',
      evidencePath: 'j0/d1.png',
    };
    const skipped = record({ type: 'SubmissionSkipped', data: { ...ids, reason: 'already-submitted', earlier } });
    rows
      .given(scheduled)
      .when(skipped)
      .then([
        {
          ...scheduledRow,
          status: 'skipped',
          skip_reason: 'already-submitted',
          earlier_job_id: 'j0',
          earlier_accepted_at: earlier.acceptedAt,
          earlier_listing_url: earlier.listingUrl,
          earlier_evidence_path: earlier.evidencePath,
          finished_at: timestampOf(3),
          updated_at: timestampOf(3),
          version: 3,
        },
      ]);
  });
});
