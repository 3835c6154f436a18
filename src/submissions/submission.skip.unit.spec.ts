import { given as givenDecider } from '../../test/support/decider-spec';
import { fold } from '../shared/decider';
import { submissionDecider, type SubmissionCommand } from './submission.decider';
import type { EarlierSubmission, SubmissionEvent, SubmissionStatus } from './submission.events';
import { historyOf, ids, scheduled, skipped } from '../../test/support/submission.fixtures';
import { forged } from '../../test/support/forged';

const given = (events: readonly SubmissionEvent[] = []) => givenDecider(submissionDecider, events);
const statuses = (...list: SubmissionStatus[]): SubmissionStatus[] => list;
const earlier: EarlierSubmission = {
  jobId: 'job-0',
  directoryId: ids.directoryId,
  acceptedAt: '2026-11-20T09:00:00.000Z',
  listingUrl: 'https://dir.test/l/7',
  evidencePath: 'job-0/d1.png',
};
const skip = (overrides: Partial<EarlierSubmission> = {}): SubmissionCommand => ({
  type: 'SkipAlreadySubmitted',
  data: { earlier: { ...earlier, ...overrides } },
});
const alreadySubmitted: SubmissionEvent = { type: 'SubmissionSkipped', data: { ...ids, reason: 'already-submitted', earlier } };

describe('SkipAlreadySubmitted', () => {
  it.each(statuses('scheduled', 'retry_scheduled', 'in_progress'))('skips a %s submission, pointing at the earlier one', (status) => {
    given(historyOf[status]).when(skip()).then([alreadySubmitted]);
  });

  it('does nothing when it was already skipped so (a redelivered message)', () => {
    given([scheduled, alreadySubmitted]).when(skip()).then([]);
  });

  it.each(statuses('succeeded', 'failed', 'needs_manual', 'skipped', 'dead_lettered'))('refuses a %s submission', (status) => {
    given(historyOf[status]).when(skip()).thenThrows('ILLEGAL_TRANSITION', `Cannot skip submission 123/d1: it is ${status}`);
  });

  it.each<[string, Partial<EarlierSubmission>, RegExp]>([
    ['its own job', { jobId: ids.jobId }, /must be another job's/],
    ['a blank job', { jobId: ' ' }, /must be another job's/],
    ['another directory', { directoryId: 'd2' }, /same directory/],
    ['no acceptance time', { acceptedAt: 'yesterday-ish' }, /time it was accepted/],
  ])('refuses a pointer to %s', (_, overrides, message) => {
    given(historyOf.scheduled).when(skip(overrides)).thenThrows('INVALID_COMMAND', message);
  });

  it('refuses a submission that was never scheduled', () => {
    given()
      .when(skip())
      .thenThrows('NOT_FOUND', /not scheduled/);
  });
});

describe('a skipped submission as state', () => {
  const stateOf = (events: readonly SubmissionEvent[]) => fold(submissionDecider, events);

  it('keeps the reason and the earlier submission of an already-submitted skip', () => {
    expect(stateOf([scheduled, alreadySubmitted])).toMatchObject({ status: 'skipped', skipReason: 'already-submitted', earlier });
  });

  it('reads a skip recorded before reasons other than duplicate existed as a duplicate without pointer', () => {
    const old = forged<SubmissionEvent>({ type: 'SubmissionSkipped', data: { ...ids } });
    expect(stateOf([scheduled, old])).toMatchObject({ status: 'skipped', skipReason: 'duplicate', earlier: null });
    expect(stateOf([scheduled, skipped])).toMatchObject({ skipReason: 'duplicate', earlier: null });
  });
});
