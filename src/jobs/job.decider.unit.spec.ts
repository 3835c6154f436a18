import { given as givenDecider } from '../../test/support/decider-spec';
import { MAX_DIRECTORIES_PER_JOB, jobDecider, type CreateJob, type JobCommand } from './job.decider';
import type { JobEvent, JobStatus, PackageTier, Priority } from './job.events';
import { business, counts, directoryIds, historyOf, jobCreated, jobId, jobQueued } from '../../test/support/job.fixtures';

const given = (events: readonly JobEvent[] = []) => givenDecider(jobDecider, events);
const statuses = (...list: JobStatus[]): JobStatus[] => list;

const createJob = (overrides: Partial<CreateJob['data']> = {}): CreateJob => ({
  type: 'CreateJob',
  data: { jobId, customerId: 'c1', packageTier: 'growth', directoryIds, business, ...overrides },
});

describe('CreateJob', () => {
  it('creates and queues the job', () => {
    given().when(createJob()).then([jobCreated, jobQueued]);
  });

  it.each<[PackageTier, Priority]>([
    ['enterprise', 'P1'],
    ['pro', 'P1'],
    ['growth', 'P2'],
    ['starter', 'P3'],
  ])('gives tier %s priority %s', (packageTier, priority) => {
    const events = jobDecider.decide(createJob({ packageTier }), jobDecider.initialState());
    expect(events.map((event) => ('priority' in event.data ? event.data.priority : null))).toEqual([priority, priority]);
  });

  it(`accepts exactly ${MAX_DIRECTORIES_PER_JOB} directories`, () => {
    const ids = Array.from({ length: MAX_DIRECTORIES_PER_JOB }, (_, i) => `d${i}`);
    expect(jobDecider.decide(createJob({ directoryIds: ids }), jobDecider.initialState())).toHaveLength(2);
  });

  it('records force only on a forced job (an ordinary JobCreated keeps its shape); the state folds it', () => {
    const [created] = jobDecider.decide(createJob({ force: true }), jobDecider.initialState());
    expect(created).toEqual({ ...jobCreated, data: { ...jobCreated.data, force: true } });
    given()
      .when(createJob({ force: false }))
      .then([jobCreated, jobQueued]);
    expect(jobDecider.evolve(jobDecider.initialState(), created).force).toBe(true);
    expect(jobDecider.evolve(jobDecider.initialState(), jobCreated).force).toBe(false);
  });

  it('refuses a job that exists', () => {
    given([jobCreated]).when(createJob()).thenThrows('ALREADY_EXISTS', 'Cannot create job 123: it already exists');
  });

  it.each<[string, Partial<CreateJob['data']>, RegExp]>([
    ['no directories', { directoryIds: [] }, /must not be empty/],
    ['a duplicate directory', { directoryIds: ['d1', 'd2', 'd1'] }, /directory d1 is listed twice/],
    ['a blank directory id', { directoryIds: ['d1', ' '] }, /blank ids/],
    ['too many directories', { directoryIds: Array.from({ length: 501 }, (_, i) => `d${i}`) }, /more than 500/],
    ['a blank business name', { business: { ...business, businessName: '  ' } }, /businessName is required/],
    ['a blank email', { business: { ...business, email: '' } }, /email is required/],
    ['a blank job id', { jobId: ' ' }, /jobId is required/],
    ['a blank customer id', { customerId: '' }, /customerId is required/],
    ['an unknown tier', { packageTier: 'platinum' as PackageTier }, /unknown package tier platinum/],
  ])('refuses %s', (_, overrides, message) => {
    given().when(createJob(overrides)).thenThrows('INVALID_COMMAND', message);
  });
});

describe('StartJob', () => {
  const start: JobCommand = { type: 'StartJob', data: { workerId: 'w1' } };

  it('starts a queued job', () => {
    given(historyOf.queued)
      .when(start)
      .then([{ type: 'JobStarted', data: { jobId, workerId: 'w1' } }]);
  });

  it('does nothing when the job is already in progress', () => {
    given(historyOf.in_progress)
      .when({ type: 'StartJob', data: { workerId: 'w2' } })
      .then([]);
  });

  it.each(statuses('pending', 'complete', 'failed', 'cancelled'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(start).thenThrows('ILLEGAL_TRANSITION', `Cannot start job 123: it is ${status}`);
  });

  it('requires a worker id', () => {
    given(historyOf.queued)
      .when({ type: 'StartJob', data: { workerId: '' } })
      .thenThrows('INVALID_COMMAND', /workerId/);
  });
});

describe('RequeueJob', () => {
  const requeue = (reason: 'stale' | 'manual' | 'redrive', ids: readonly string[] = ['d2']): JobCommand => ({
    type: 'RequeueJob',
    data: { reason, directoryIds: ids, ...(reason === 'manual' ? { note: 'site fixed its form' } : {}) },
  });

  it.each(statuses('queued', 'in_progress'))('requeues a %s job', (status) => {
    given(historyOf[status])
      .when(requeue('stale'))
      .then([{ type: 'JobRequeued', data: { jobId, reason: 'stale', directoryIds: ['d2'] } }]);
  });

  it.each(statuses('failed', 'complete'))('requeues a %s job manually, with the note', (status) => {
    given(historyOf[status])
      .when(requeue('manual', ['d1', 'd3']))
      .then([{ type: 'JobRequeued', data: { jobId, reason: 'manual', directoryIds: ['d1', 'd3'], note: 'site fixed its form' } }]);
  });

  it.each<'stale' | 'redrive'>(['stale', 'redrive'])('refuses a %s requeue of a failed or complete job', (reason) => {
    given(historyOf.failed)
      .when(requeue(reason))
      .thenThrows('ILLEGAL_TRANSITION', /it is failed \(only a manual requeue/);
    given(historyOf.complete)
      .when(requeue(reason))
      .thenThrows('ILLEGAL_TRANSITION', /it is complete \(only a manual requeue/);
  });

  it('refuses a manual requeue without a note', () => {
    given(historyOf.failed)
      .when({ type: 'RequeueJob', data: { reason: 'manual', directoryIds: ['d1'], note: ' ' } })
      .thenThrows('INVALID_COMMAND', /note is required/);
  });

  it.each(statuses('cancelled', 'pending'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(requeue('manual')).thenThrows('ILLEGAL_TRANSITION', `Cannot requeue job 123: it is ${status}`);
  });

  it.each<[string, readonly string[], RegExp]>([
    ['no directories', [], /must not be empty/],
    ['a directory of another job', ['d1', 'x9'], /directory x9 is not part of the job/],
    ['a duplicate directory', ['d2', 'd2'], /directory d2 is listed twice/],
  ])('refuses %s', (_, ids, message) => {
    given(historyOf.in_progress).when(requeue('stale', ids)).thenThrows('INVALID_COMMAND', message);
  });
});

describe('CompleteJob', () => {
  const complete: JobCommand = { type: 'CompleteJob', data: { counts } };

  it.each(statuses('queued', 'in_progress'))('completes a %s job', (status) => {
    given(historyOf[status])
      .when(complete)
      .then([{ type: 'JobCompleted', data: { jobId, counts } }]);
  });

  it('does nothing when the job is already complete', () => {
    given(historyOf.complete).when(complete).then([]);
  });

  it.each(statuses('cancelled', 'failed', 'pending'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(complete).thenThrows('ILLEGAL_TRANSITION', `Cannot complete job 123: it is ${status}`);
  });

  it.each([
    { ...counts, failed: -1 },
    { ...counts, skipped: 1.5 },
    { ...counts, deadLettered: -1 },
  ])('refuses counts %p', (bad) => {
    given(historyOf.in_progress)
      .when({ type: 'CompleteJob', data: { counts: bad } })
      .thenThrows('INVALID_COMMAND', /counts must be four non-negative integers/);
  });
});

describe('FailJob', () => {
  const fail: JobCommand = { type: 'FailJob', data: { reason: 'all failed', counts } };

  it.each(statuses('pending', 'queued', 'in_progress'))('fails a %s job', (status) => {
    given(historyOf[status])
      .when(fail)
      .then([{ type: 'JobFailed', data: { jobId, reason: 'all failed', counts } }]);
  });

  it('does nothing when the job has already failed', () => {
    given(historyOf.failed).when(fail).then([]);
  });

  it.each(statuses('complete', 'cancelled'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(fail).thenThrows('ILLEGAL_TRANSITION', `Cannot fail job 123: it is ${status}`);
  });

  it('requires a reason', () => {
    given(historyOf.in_progress)
      .when({ type: 'FailJob', data: { reason: ' ', counts } })
      .thenThrows('INVALID_COMMAND', /reason is required/);
  });

  it('requires valid counts', () => {
    given(historyOf.in_progress)
      .when({ type: 'FailJob', data: { reason: 'x', counts: { ...counts, needsManual: Number.NaN } } })
      .thenThrows('INVALID_COMMAND', /counts/);
  });
});

describe('ReopenJob', () => {
  const reopen: JobCommand = { type: 'ReopenJob', data: { directoryId: 'd1', reason: 'manual' } };

  it.each(statuses('complete', 'failed'))('brings a %s job back to in progress (its finish overtook the retry)', (status) => {
    given(historyOf[status])
      .when(reopen)
      .then([{ type: 'JobReopened', data: { jobId, directoryId: 'd1', reason: 'manual' } }]);
  });

  it.each(statuses('queued', 'in_progress'))('does nothing when the job is %s (not finished)', (status) => {
    given(historyOf[status]).when(reopen).then([]);
  });

  it.each(statuses('pending', 'cancelled'))('refuses a %s job', (status) => {
    given(historyOf[status]).when(reopen).thenThrows('ILLEGAL_TRANSITION', `Cannot reopen job 123: it is ${status}`);
  });

  it('refuses a directory that is not part of the job', () => {
    given(historyOf.complete)
      .when({ type: 'ReopenJob', data: { directoryId: 'd9', reason: 'redrive' } })
      .thenThrows('INVALID_COMMAND', /directory d9 is not part of the job/);
  });
});
