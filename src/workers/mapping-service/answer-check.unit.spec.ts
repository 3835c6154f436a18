import type { DetectedForm } from '../playwright/detected-form';
import { checkAnswers } from './answer-check';
import { mergeAnswers } from './assisted-detection';
import type { ControlFacts } from './control-facts.browser';

const fact = (selector: string, over: Partial<ControlFacts> = {}): ControlFacts => ({
  selector,
  count: 1,
  tag: 'input',
  type: 'text',
  visible: true,
  editable: true,
  ...over,
});

describe('checkAnswers', () => {
  const answer = (field: 'email' | 'businessName' | 'logo', selector: string, confidence = 0.9) => ({ field, selector, confidence });

  it('accepts a unique, visible, editable control of a plausible type', () => {
    const checked = checkAnswers([answer('email', '#m')], [fact('#m', { type: 'email' })], ['email'], 0.5);
    expect(checked).toEqual({ accepted: [answer('email', '#m')], rejected: [] });
  });

  it.each([
    ['missing', fact('#x', { count: 0 }), /matches nothing/],
    ['invalid', fact('#x', { count: -1 }), /not a valid CSS selector/],
    ['ambiguous', fact('#x', { count: 3 }), /matches 3 controls/],
    ['hidden', fact('#x', { visible: false }), /not visible/],
    ['read-only', fact('#x', { editable: false }), /disabled or read-only/],
    ['implausible', fact('#x', { type: 'password' }), /a password control cannot hold email/],
  ])('rejects a %s control', (_what, facts, reason) => {
    const checked = checkAnswers([answer('email', '#x')], [facts], ['email'], 0.5);
    expect(checked.accepted).toEqual([]);
    expect(checked.rejected[0].reason).toMatch(reason);
  });

  it('rejects fields not asked for, low confidence and one control given twice', () => {
    const checked = checkAnswers(
      [answer('email', '#m'), answer('businessName', '#m'), answer('logo', '#f', 0.2)],
      [fact('#m'), fact('#f', { type: 'file' })],
      ['email', 'logo'],
      0.5,
    );
    expect(checked.accepted).toEqual([answer('email', '#m')]);
    expect(checked.rejected.map((r) => r.reason)).toEqual(['field was not asked for', 'confidence 0.2 below 0.5']);
    const twice = checkAnswers([answer('email', '#m'), answer('businessName', '#m')], [fact('#m')], ['email', 'businessName'], 0.5);
    expect(twice.rejected.map((r) => r.reason)).toEqual(['selector given for two fields']);
  });
});

describe('mergeAnswers', () => {
  const detected: DetectedForm = {
    mapping: { businessName: ['#guess'], phone: ['#tel'] },
    confidence: { businessName: 0.4, phone: 0.9 },
    termsCheckboxes: [],
    uncertain: true,
    missingRequired: ['email'],
  };

  it('adds answers, replaces a guess on the same control, and is certain once the required fields are in', () => {
    const { form, rejected } = mergeAnswers(detected, [
      { field: 'email', selector: '#guess', confidence: 0.95 },
      { field: 'businessName', selector: '#biz', confidence: 0.9 },
    ]);
    expect(rejected).toEqual([]);
    expect(form.mapping).toEqual({ email: ['#guess'], businessName: ['#biz'], phone: ['#tel'] });
    expect(form).toMatchObject({ uncertain: false, missingRequired: [] });
  });

  it('leaves a control detection is sure of to detection', () => {
    const { form, rejected } = mergeAnswers(detected, [{ field: 'email', selector: '#tel', confidence: 0.99 }]);
    expect(rejected[0].reason).toBe('the control is detected as phone');
    expect(form.mapping.email).toBeUndefined();
    expect(form.uncertain).toBe(true);
  });
});
