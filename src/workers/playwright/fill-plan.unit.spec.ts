import type { BusinessSnapshot } from '../../jobs/job.events';
import { planFill, splitContactName } from './fill-plan';
import type { FormScan, ScannedControl } from './page-scan.browser';

const business: BusinessSnapshot = {
  businessName: 'Acme', email: 'a@acme.test', phone: '555', website: 'acme.test', address: '1 Main', city: 'Austin',
  state: 'TX', zip: '78701', country: 'US', category: 'Plumbing', description: 'd', contactName: 'Jane van Doe',
};
const control = (key: string, extra: Partial<ScannedControl> = {}): ScannedControl => ({ key, selector: `#${key}`, tag: 'input', type: 'text', options: [], ...extra });
const scan = (controls: ScannedControl[], extra: Partial<FormScan> = {}): FormScan => ({
  controls, firstName: false, lastName: false, confirmEmail: false, terms: 0, fillable: controls.length,
  requiredUnclaimed: 0, submitButton: true, nextButton: false, ...extra,
});

describe('planFill', () => {
  it('fills text, selects by option and records the selectors used', () => {
    const plan = planFill(scan([control('businessName'), control('state', { tag: 'select', type: 'select', options: [{ value: 'Texas', label: 'Texas' }] })]), business);
    expect(plan.actions).toEqual([{ key: 'businessName', kind: 'text', value: 'Acme' }, { key: 'state', kind: 'select', value: 'Texas' }]);
    expect(plan.mappingUsed).toEqual({ businessName: ['#businessName'], state: ['#state'] });
  });

  it('adds a scheme to a website in a url input; logo only into a file input', () => {
    const plan = planFill(scan([control('website', { type: 'url' }), control('logo', { type: 'file' })]), business);
    expect(plan.actions).toEqual([{ key: 'website', kind: 'text', value: 'https://acme.test' }]);
    expect(plan.fileKeys).toEqual(['logo']);
  });

  it('splits the contact name when the form has first and last name boxes', () => {
    const plan = planFill(scan([control('contactName')], { firstName: true, lastName: true }), business);
    expect(plan.actions).toEqual([{ key: 'first', kind: 'text', value: 'Jane' }, { key: 'last', kind: 'text', value: 'van Doe' }]);
  });

  it('repeats the email, ticks terms, skips unmatched selects and checkboxes', () => {
    const plan = planFill(scan([
      control('category', { tag: 'select', type: 'select', options: [{ value: '1', label: 'Bakery' }] }),
      control('email', { type: 'checkbox' }),
    ], { confirmEmail: true, terms: 2 }), business);
    expect(plan.actions).toEqual([{ key: 'confirmEmail', kind: 'text', value: 'a@acme.test' }, { key: 'terms', kind: 'click', value: '' }]);
    expect(plan.mappingUsed).toEqual({});
  });

  it('splitContactName', () => {
    expect(splitContactName('  Cher ')).toEqual(['Cher', '']);
  });
});
