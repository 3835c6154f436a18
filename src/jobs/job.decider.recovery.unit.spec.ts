import { given as givenDecider } from '../../test/support/decider-spec';
import { jobDecider, type JobCommand } from './job.decider';
import type { JobEvent, JobStatus } from './job.events';
import { counts, historyOf, jobId } from '../../test/support/job.fixtures';
import { forged } from '../../test/support/forged';

const given = (events: readonly JobEvent[] = []) => givenDecider(jobDecider, events);
const statuses = (...list: JobStatus[]): JobStatus[] => list;

describe('CancelJob', () => {
  const cancel = (reason = 'customer refund'): JobCommand => ({ type: 'CancelJob', data: { reason } });

  it.each(statuses('pending', 'queued', 'in_progress'))('cancels a %s job', (status) => {
    given(historyOf[status])
      .when(cancel())
      .then([{ type: 'JobCancelled', data: { jobId, reason: 'customer refund' } }]);
  });

  it.each(statuses('complete', 'failed', 'cancelled'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(cancel()).thenThrows('ILLEGAL_TRANSITION', `Cannot cancel job 123: it is ${status}`);
  });

  it('requires a reason', () => {
    given(historyOf.queued)
      .when(cancel('  '))
      .thenThrows('INVALID_COMMAND', /reason is required/);
  });
});

describe('OverrideJobStatus', () => {
  const override = (to: JobStatus, reason = 'customer asked', staffId = 's1'): JobCommand => ({
    type: 'OverrideJobStatus',
    data: { to, reason, staffId },
  });

  it.each<[JobStatus, JobStatus]>([
    ['complete', 'queued'],
    ['failed', 'complete'],
    ['cancelled', 'queued'],
    ['in_progress', 'failed'],
    ['pending', 'cancelled'],
  ])('moves a %s job to %s', (from, to) => {
    given(historyOf[from])
      .when(override(to))
      .then([{ type: 'JobStatusOverridden', data: { jobId, from, to, reason: 'customer asked', staffId: 's1' } }]);
  });

  it('refuses the current status', () => {
    given(historyOf.queued)
      .when(override('queued'))
      .thenThrows('INVALID_COMMAND', /it is already queued/);
  });

  it.each<[string, JobCommand, RegExp]>([
    ['a blank reason', override('complete', ' '), /reason is required/],
    ['a blank staff id', override('complete', 'why', ''), /staffId is required/],
    ['an unknown status', override('archived' as JobStatus), /unknown status archived/],
  ])('refuses %s', (_, command, message) => {
    given(historyOf.failed).when(command).thenThrows('INVALID_COMMAND', message);
  });
});

describe('a job that does not exist', () => {
  it.each<JobCommand>([
    { type: 'StartJob', data: { workerId: 'w1' } },
    { type: 'RequeueJob', data: { reason: 'manual', directoryIds: ['d1'] } },
    { type: 'CompleteJob', data: { counts } },
    { type: 'FailJob', data: { reason: 'x', counts } },
    { type: 'ReopenJob', data: { directoryId: 'd1', reason: 'manual' } },
    { type: 'CancelJob', data: { reason: 'x' } },
    { type: 'OverrideJobStatus', data: { to: 'queued', reason: 'x', staffId: 's1' } },
  ])('refuses $type as NOT_FOUND', (command) => {
    given()
      .when(command)
      .thenThrows('NOT_FOUND', /^Cannot .+ job: it does not exist$/);
  });
});

it('refuses an unknown command type', () => {
  given(historyOf.queued)
    .when(forged<JobCommand>({ type: 'ArchiveJob', data: {} }))
    .thenThrows('INVALID_COMMAND', 'Unknown command type "ArchiveJob"');
});
