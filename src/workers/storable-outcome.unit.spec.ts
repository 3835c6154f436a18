import { findUnstorableText } from '../shared/storable-text';
import { storableOutcome } from './storable-outcome';
import type { SubmissionOutcome } from './submitter.port';

const evidence = { evidencePath: 'job-1/d-1-a1.png', mappingUsed: null };

describe('storableOutcome', () => {
  it('a message from a page loses NUL and half surrogate pairs, and keeps the rest', () => {
    const outcome: SubmissionOutcome = { kind: 'permanent', message: 'Email\u0000 is invalid 😀 \ud83d', ...evidence };
    expect(storableOutcome(outcome)).toEqual({ ...outcome, message: 'Email is invalid 😀 ' });
    const manual: SubmissionOutcome = { kind: 'needs_manual', reason: 'captcha', message: 'robot\udc00 check', ...evidence };
    expect(storableOutcome(manual)).toEqual({ ...manual, message: 'robot check' });
  });

  it('a listing URL that is not storable is left out rather than changed', () => {
    expect(storableOutcome({ kind: 'success', listingUrl: 'https://d.test/l/\u0000', ...evidence })).toMatchObject({ listingUrl: null });
    expect(storableOutcome({ kind: 'success', listingUrl: 'https://d.test/l/😀', ...evidence })).toMatchObject({
      listingUrl: 'https://d.test/l/😀',
    });
  });

  it('selectors that are not storable leave the mapping used; none left is no mapping', () => {
    const mappingUsed = { email: ['#mail\u0000', '#email'], phone: ['[name="t\ud800"]'] };
    expect(storableOutcome({ kind: 'dry_run', evidencePath: null, mappingUsed })).toEqual({
      kind: 'dry_run',
      evidencePath: null,
      mappingUsed: { email: ['#email'] },
    });
    expect(storableOutcome({ kind: 'dry_run', evidencePath: null, mappingUsed: { phone: ['#p\u0000'] } }).mappingUsed).toBeNull();
    expect(storableOutcome({ kind: 'dry_run', evidencePath: null, mappingUsed: {} }).mappingUsed).toEqual({});
  });

  it('every string of every kind comes out storable', () => {
    const bad = 'x\u0000\ud800';
    const outcomes: SubmissionOutcome[] = [
      { kind: 'success', listingUrl: bad, evidencePath: bad, mappingUsed: { website: [bad] } },
      { kind: 'duplicate', message: bad, ...evidence },
      { kind: 'transient', message: bad, ...evidence },
    ];
    for (const outcome of outcomes) {
      expect(findUnstorableText(outcome)).not.toBeNull();
      expect(findUnstorableText(storableOutcome(outcome))).toBeNull();
    }
  });
});
