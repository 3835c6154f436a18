import { eventLog, timestampOf } from '../../test/support/recorded-events';
import { toHistoryRow } from './queue-history.projection';

describe('queue_history projection rows (given an event, then its history row)', () => {
  it('records a retry with its attempt, delay, error class and actor, keyed by global position', () => {
    const log = eventLog();
    log.job({ type: 'JobStarted', data: { jobId: 'j1', workerId: 'w1' } });
    const data = { jobId: 'j1', directoryId: 'd1', attempt: 2, delayMs: 30_000, errorClass: 'transient' as const, message: 'timeout' };
    const retry = log.submission({ type: 'SubmissionRetryScheduled', data }, { kind: 'worker', id: 'w1' });
    expect(toHistoryRow(retry)).toEqual({
      position: '2',
      stream_id: 'submission-j1-d1',
      job_id: 'j1',
      directory_id: 'd1',
      event: 'SubmissionRetryScheduled',
      attempt: 2,
      delay_ms: 30_000,
      error_class: 'transient',
      actor: 'worker:w1',
      details: data,
      created_at: timestampOf(2),
    });
  });

  it('records a job event with no directory, attempt, delay or error class', () => {
    const data = { jobId: 'j1', reason: 'customer refund' };
    const cancelled = eventLog().job({ type: 'JobCancelled', data }, { kind: 'staff', id: 's1' });
    expect(toHistoryRow(cancelled)).toEqual({
      position: '1',
      stream_id: 'job-j1',
      job_id: 'j1',
      directory_id: null,
      event: 'JobCancelled',
      attempt: null,
      delay_ms: null,
      error_class: null,
      actor: 'staff:s1',
      details: data,
      created_at: timestampOf(1),
    });
  });

  it('records nothing for an event that names no job', () => {
    expect(toHistoryRow(eventLog().record('other-1', { type: 'SomethingHappened', data: { n: 1 } }))).toBeNull();
  });
});
