import { fold } from '../shared/decider';
import { MAX_ERROR_MESSAGE_LENGTH, isTerminal, sanitizeErrorMessage, submissionDecider } from './submission.decider';
import type { SubmissionEvent, SubmissionStatus } from './submission.events';
import { attemptStarted, deadLettered, historyOf, ids, redriven, retryScheduled, scheduled } from '../../test/support/submission.fixtures';
import { forged } from '../../test/support/forged';

const stateOf = (events: readonly SubmissionEvent[]) => fold(submissionDecider, events);

describe('submission evolve', () => {
  it('starts empty and not terminal', () => {
    const state = submissionDecider.initialState();
    expect(state).toMatchObject({ exists: false, attempts: 0, lastError: null });
    expect(isTerminal(state)).toBe(false);
  });

  it('takes identity, key and priority from SubmissionScheduled', () => {
    expect(stateOf([scheduled])).toEqual({
      exists: true,
      ...ids,
      idempotencyKey: 'key-1',
      priority: 'P2',
      status: 'scheduled',
      attempts: 0,
      attemptsBeforeReopen: 0,
      reopenedBy: [],
      redrivenMessageId: null,
      lastError: null,
      listingUrl: null,
      evidencePath: null,
      skipReason: null,
      earlier: null,
    });
  });

  it.each(Object.keys(historyOf) as SubmissionStatus[])('folds the %s history to that status', (status) => {
    expect(stateOf(historyOf[status]).status).toBe(status);
  });

  it.each<[SubmissionStatus, boolean]>([
    ['scheduled', false],
    ['in_progress', false],
    ['retry_scheduled', false],
    ['succeeded', true],
    ['failed', true],
    ['needs_manual', true],
    ['skipped', true],
    ['dead_lettered', true],
  ])('%s is terminal: %s', (status, expected) => {
    expect(isTerminal(stateOf(historyOf[status]))).toBe(expected);
  });

  it('is open again after a redrive, which remembers the dead letter it cleared until the next death', () => {
    const redrivenState = stateOf([...historyOf.dead_lettered, redriven('m1')]);
    expect(redrivenState).toMatchObject({ status: 'scheduled', redrivenMessageId: 'm1', attempts: 1 });
    expect(isTerminal(redrivenState)).toBe(false);
    expect(stateOf([...historyOf.dead_lettered, redriven('m1'), deadLettered('m2')])).toMatchObject({
      status: 'dead_lettered',
      redrivenMessageId: null,
    });
  });

  it('counts attempts started, not retries scheduled', () => {
    expect(stateOf([scheduled, attemptStarted(1), retryScheduled(2)])).toMatchObject({
      attempts: 1,
      lastError: { errorClass: 'transient', message: 'timeout' },
    });
    expect(stateOf([scheduled, attemptStarted(1), retryScheduled(2), attemptStarted(2)]).attempts).toBe(2);
  });

  it('keeps listing url and evidence on success, error and evidence on failure, evidence on needs-manual', () => {
    expect(stateOf(historyOf.succeeded)).toMatchObject({ listingUrl: 'https://dir.test/l/1', evidencePath: 'evidence/1.png' });
    expect(stateOf(historyOf.failed)).toMatchObject({
      lastError: { errorClass: 'permanent', message: 'form rejected' },
      evidencePath: 'evidence/2.png',
    });
    expect(stateOf(historyOf.needs_manual)).toMatchObject({ evidencePath: 'evidence/3.png' });
  });

  it('ignores an event type it does not know', () => {
    const before = stateOf(historyOf.in_progress);
    expect(submissionDecider.evolve(before, forged<SubmissionEvent>({ type: 'SubmissionTeleported', data: {} }))).toBe(before);
  });
});

describe('sanitizeErrorMessage', () => {
  it('drops stack frames and collapses whitespace', () => {
    const text = 'Error: boom\r\n    at a (x.js:1:1)\n\tat b (y.js:2:2)\n  caused by:\tnet   down\n';
    expect(sanitizeErrorMessage(text)).toBe('Error: boom caused by: net down');
  });

  it('keeps a line that merely starts with "at" and no indent', () => {
    expect(sanitizeErrorMessage('at capacity\nretry later')).toBe('at capacity retry later');
  });

  it(`cuts to ${MAX_ERROR_MESSAGE_LENGTH} characters`, () => {
    expect(sanitizeErrorMessage('x'.repeat(2000))).toHaveLength(MAX_ERROR_MESSAGE_LENGTH);
  });

  it('never leaves half a surrogate pair at the cut', () => {
    const cut = sanitizeErrorMessage(`${'x'.repeat(MAX_ERROR_MESSAGE_LENGTH - 1)}😀 tail`);
    expect(cut).toBe('x'.repeat(MAX_ERROR_MESSAGE_LENGTH - 1));
  });
});
