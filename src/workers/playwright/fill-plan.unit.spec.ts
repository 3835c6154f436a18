import type { BusinessSnapshot } from '../../jobs/job.events';
import { phonePartKey, planFill, splitContactName, splitDigits } from './fill-plan';
import type { FormScan, ScannedControl } from './page-scan.browser';

const business: BusinessSnapshot = {
  businessName: 'Acme',
  email: 'a@acme.test',
  phone: '555',
  website: 'acme.test',
  address: '1 Main',
  city: 'Austin',
  state: 'TX',
  zip: '78701',
  country: 'US',
  category: 'Plumbing',
  description: 'd',
  contactName: 'Jane van Doe',
};
const control = (key: string, extra: Partial<ScannedControl> = {}): ScannedControl => ({
  key,
  selector: `#${key}`,
  tag: 'input',
  type: 'text',
  options: [],
  maxLength: 0,
  ...extra,
});
const scan = (controls: ScannedControl[], extra: Partial<FormScan> = {}): FormScan => ({
  controls,
  firstName: false,
  lastName: false,
  confirmEmail: false,
  terms: 0,
  fillable: controls.length,
  formUnclaimed: 0,
  requiredUnclaimed: 0,
  submitButton: true,
  nextButton: false,
  ...extra,
});

describe('planFill', () => {
  it('fills text, selects by option and records the selectors used', () => {
    const plan = planFill(
      scan([control('businessName'), control('state', { tag: 'select', type: 'select', options: [{ value: 'Texas', label: 'Texas' }] })]),
      business,
    );
    expect(plan.actions).toEqual([
      { key: 'businessName', kind: 'text', value: 'Acme' },
      { key: 'state', kind: 'select', value: 'Texas' },
    ]);
    expect(plan.mappingUsed).toEqual({ businessName: ['#businessName'], state: ['#state'] });
  });

  it('adds a scheme to a website in a url input; logo only into a file input', () => {
    const plan = planFill(scan([control('website', { type: 'url' }), control('logo', { type: 'file' })]), business);
    expect(plan.actions).toEqual([{ key: 'website', kind: 'text', value: 'https://acme.test' }]);
    expect(plan.fileKeys).toEqual(['logo']);
  });

  it('splits the contact name when the form has first and last name boxes', () => {
    const plan = planFill(scan([control('contactName')], { firstName: true, lastName: true }), business);
    expect(plan.actions).toEqual([
      { key: 'first', kind: 'text', value: 'Jane' },
      { key: 'last', kind: 'text', value: 'van Doe' },
    ]);
  });

  it('repeats the email, ticks terms, skips unmatched selects and checkboxes', () => {
    const plan = planFill(
      scan(
        [
          control('category', { tag: 'select', type: 'select', options: [{ value: '1', label: 'Bakery' }] }),
          control('email', { type: 'checkbox' }),
        ],
        { confirmEmail: true, terms: 2 },
      ),
      business,
    );
    expect(plan.actions).toEqual([
      { key: 'confirmEmail', kind: 'text', value: 'a@acme.test' },
      { key: 'terms', kind: 'click', value: '' },
    ]);
    expect(plan.mappingUsed).toEqual({});
  });

  it('pours the last digits of the number into split phone boxes in order (country code dropped)', () => {
    const boxes = [
      control('phone', { maxLength: 3 }),
      control(phonePartKey(1), { maxLength: 3 }),
      control(phonePartKey(2), { maxLength: 4 }),
    ];
    const plan = planFill(scan([control('businessName'), ...boxes]), { ...business, phone: '+1 (512) 555-0142' });
    expect(plan.actions).toEqual([
      { key: 'businessName', kind: 'text', value: 'Acme' },
      { key: 'phone', kind: 'text', value: '512' },
      { key: 'phonePart1', kind: 'text', value: '555' },
      { key: 'phonePart2', kind: 'text', value: '0142' },
    ]);
    expect(plan.mappingUsed).toEqual({ businessName: ['#businessName'], phone: ['#phone'] });
  });

  it('puts the whole number in a phone box that is not short, even when further boxes were found', () => {
    const plan = planFill(scan([control('phone', { maxLength: 20 }), control(phonePartKey(1), { maxLength: 3 })]), {
      ...business,
      phone: '+1 512 555 0142',
    });
    expect(plan.actions).toEqual([{ key: 'phone', kind: 'text', value: '+1 512 555 0142' }]);
  });

  it('puts the area code and the rest of the number into an area-code box followed by an unlimited number box', () => {
    const boxes = [control('phone', { maxLength: 5 }), control(phonePartKey(1))];
    const plan = planFill(scan(boxes), { ...business, phone: '+49 30 1234567' });
    expect(plan.actions).toEqual([
      { key: 'phone', kind: 'text', value: '30' },
      { key: 'phonePart1', kind: 'text', value: '1234567' },
    ]);
    const ddd = planFill(scan([control('phone', { maxLength: 2 }), control(phonePartKey(1), { maxLength: 9 })]), {
      ...business,
      phone: '(11) 91234-5678',
    });
    expect(ddd.actions).toEqual([
      { key: 'phone', kind: 'text', value: '11' },
      { key: 'phonePart1', kind: 'text', value: '912345678' },
    ]);
  });

  it('fills the second address line only from the profile, never with the street', () => {
    const boxes = [control('address'), control('address2')];
    expect(planFill(scan(boxes), business).actions).toEqual([{ key: 'address', kind: 'text', value: '1 Main' }]);
    expect(planFill(scan(boxes), { ...business, address2: 'Suite 200' }).actions).toEqual([
      { key: 'address', kind: 'text', value: '1 Main' },
      { key: 'address2', kind: 'text', value: 'Suite 200' },
    ]);
  });

  it('splitDigits fills from the left when the number is shorter than the boxes', () => {
    expect(splitDigits('555-0142', [3, 3, 4])).toEqual(['555', '014', '2']);
  });

  it('splitContactName', () => {
    expect(splitContactName('  Cher ')).toEqual(['Cher', '']);
  });
});
