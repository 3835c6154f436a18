import { fold } from '../shared/decider';
import { jobDecider } from './job.decider';
import type { JobEvent, JobStatus } from './job.events';
import { counts, deadLettered, directoryIds, historyOf, jobCreated, jobId, redriven } from '../../test/support/job.fixtures';
import { forged } from '../../test/support/forged';

const stateOf = (events: readonly JobEvent[]) => fold(jobDecider, events);

describe('job evolve', () => {
  it('starts empty', () => {
    expect(jobDecider.initialState()).toMatchObject({ exists: false, status: 'pending', deadLettered: [], counts: null });
  });

  it('takes identity, tier, priority and directories from JobCreated', () => {
    expect(stateOf([jobCreated])).toEqual({
      exists: true,
      jobId,
      customerId: 'c1',
      packageTier: 'growth',
      priority: 'P2',
      status: 'pending',
      directoryIds,
      deadLettered: [],
      counts: null,
      lastFailureReason: null,
      force: false,
    });
  });

  it.each(Object.keys(historyOf) as JobStatus[])('folds the %s history to that status', (status) => {
    expect(stateOf(historyOf[status]).status).toBe(status);
  });

  it('requeues to queued', () => {
    const requeued: JobEvent = { type: 'JobRequeued', data: { jobId, reason: 'stale', directoryIds: ['d1'] } };
    expect(stateOf([...historyOf.in_progress, requeued]).status).toBe('queued');
  });

  it('keeps counts on completion and reason on failure', () => {
    expect(stateOf(historyOf.complete)).toMatchObject({ counts, lastFailureReason: null });
    expect(stateOf(historyOf.failed)).toMatchObject({ counts, lastFailureReason: 'all failed' });
  });

  it('adds a dead letter once, without changing status', () => {
    const state = stateOf([...historyOf.in_progress, deadLettered('d2'), deadLettered('d2'), deadLettered('d1')]);
    expect(state).toMatchObject({ status: 'in_progress', deadLettered: ['d2', 'd1'] });
  });

  it('redrives to queued and clears the redriven dead letters', () => {
    const state = stateOf([...historyOf.failed, deadLettered('d1'), deadLettered('d2'), redriven('d1')]);
    expect(state).toMatchObject({ status: 'queued', deadLettered: ['d2'] });
  });

  it('reopens a finished job to in progress, keeping the counts of its last finish', () => {
    const reopened: JobEvent = { type: 'JobReopened', data: { jobId, directoryId: 'd1', reason: 'manual' } };
    expect(stateOf([...historyOf.complete, reopened])).toMatchObject({ status: 'in_progress', counts });
    expect(stateOf([...historyOf.failed, reopened]).status).toBe('in_progress');
  });

  it('takes the overridden status', () => {
    const overridden: JobEvent = {
      type: 'JobStatusOverridden',
      data: { jobId, from: 'complete', to: 'in_progress', reason: 'r', staffId: 's1' },
    };
    expect(stateOf([...historyOf.complete, overridden]).status).toBe('in_progress');
  });

  it('ignores an event type it does not know', () => {
    const before = stateOf(historyOf.queued);
    expect(jobDecider.evolve(before, forged<JobEvent>({ type: 'JobArchived', data: {} }))).toBe(before);
  });
});
