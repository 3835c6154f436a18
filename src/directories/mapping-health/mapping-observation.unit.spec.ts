import type { DirectoryTarget, SubmissionOutcome } from '../../workers/submitter.port';
import { observeMapping } from './mapping-observation';

const target = (over: Partial<DirectoryTarget> = {}): DirectoryTarget => ({
  id: 'd-1',
  submissionUrl: 'https://d.test/add',
  domain: 'd.test',
  requiresLogin: false,
  hasCaptcha: false,
  formMapping: { businessName: ['#biz'], email: ['#mail', '#email'] },
  mappingSource: 'learned',
  ...over,
});
const used = { businessName: ['#biz'], email: ['#email'] };

describe('observeMapping', () => {
  it('counts a success and a failure after the form was filled', () => {
    const success: SubmissionOutcome = { kind: 'success', listingUrl: null, mappingUsed: used, evidencePath: null };
    expect(observeMapping(target(), success)).toEqual({ result: 'succeeded', failure: null, redetected: [] });
    const failed: SubmissionOutcome = { kind: 'permanent', message: 'the site refused the listing', mappingUsed: used, evidencePath: null };
    expect(observeMapping(target(), failed)).toEqual({ result: 'failed', failure: 'the site refused the listing', redetected: [] });
  });

  it('counts no form found as a failure, and not what says nothing about the mapping', () => {
    const noForm: SubmissionOutcome = {
      kind: 'permanent',
      message: 'no listing form found on the page',
      mappingUsed: null,
      evidencePath: null,
    };
    expect(observeMapping(target(), noForm)?.result).toBe('failed');
    const browser: SubmissionOutcome = { kind: 'transient', message: 'browser unavailable: x', mappingUsed: null, evidencePath: null };
    const captcha: SubmissionOutcome = {
      kind: 'needs_manual',
      reason: 'captcha',
      message: 'captcha',
      mappingUsed: null,
      evidencePath: null,
    };
    expect([observeMapping(target(), browser), observeMapping(target(), captcha)]).toEqual([null, null]);
  });

  it('names learned fields filled through another control as re-detected, not fields left empty', () => {
    const outcome: SubmissionOutcome = { kind: 'success', listingUrl: null, mappingUsed: { email: ['#new-mail'] }, evidencePath: null };
    expect(observeMapping(target(), outcome)?.redetected).toEqual(['email']);
    expect(observeMapping(target({ mappingSource: 'curated' }), outcome)?.redetected).toEqual([]);
  });
});
