import { detectMapping } from './detect-mapping';
import { UNCERTAIN_BELOW } from './mapping-confidence';
import type { FieldDescriptor, FieldLabels } from './field-descriptor';
import { aDescriptor } from '../../../test/support/field-descriptor.builder';

const control = (index: number, labels: Partial<FieldLabels>, extra: Partial<Omit<FieldDescriptor, 'labels'>> = {}): FieldDescriptor =>
  aDescriptor({ index, labels, ...extra });

describe('detectMapping', () => {
  it('maps one control per field: the most trusted, the first on ties', () => {
    const detected = detectMapping([
      control(0, { placeholder: 'Email' }),
      control(1, { label: 'Email' }),
      control(2, { label: 'E-mail (again)' }),
      control(3, { label: 'Company' }),
      control(4, { label: 'Business name' }),
      control(5, { label: 'City' }),
    ]);
    expect(detected.mapping).toEqual({ email: ['#f1'], businessName: ['#f3'], city: ['#f5'] });
    expect(detected.confirmEmail).toBe('#f2');
  });

  it('skips hidden honeypots and reports terms to tick', () => {
    const detected = detectMapping([
      control(0, { label: 'Website' }, { visible: false, hiddenReason: 'offscreen' }),
      control(1, { label: 'Business name' }),
      control(2, { label: 'Email' }),
      control(3, { label: 'Your website' }),
      control(4, { label: 'I accept the terms' }, { type: 'checkbox' }),
    ]);
    expect(detected.mapping.website).toEqual(['#f3']);
    expect(detected.terms).toEqual(['#f4']);
  });

  it('keeps the first box of a split phone number and lists all its boxes', () => {
    const detected = detectMapping([
      control(0, { label: 'Name' }),
      control(1, { label: 'Email' }),
      control(2, { label: 'Phone' }, { maxLength: 3 }),
      control(3, {}, { name: 'phone2', maxLength: 3 }),
      control(4, {}, { name: 'phone3', maxLength: 4 }),
      control(5, { label: 'Fax' }, { maxLength: 3 }),
    ]);
    expect(detected.mapping.phone).toEqual(['#f2']);
    expect(detected.phoneParts).toEqual(['#f2', '#f3', '#f4']);
  });

  it('ignores forms with fewer than three detected fields (search, login, newsletter)', () => {
    const detected = detectMapping([
      control(0, { label: 'Email' }, { formIndex: 0 }),
      control(1, { label: 'Zip' }, { formIndex: 0 }),
      control(2, { label: 'Company' }, { formIndex: 1 }),
      control(3, { label: 'Email' }, { formIndex: 1 }),
      control(4, { label: 'Phone' }, { formIndex: 1 }),
    ]);
    expect(detected.formIndex).toBe(1);
    expect(detected.mapping).toEqual({ businessName: ['#f2'], email: ['#f3'], phone: ['#f4'] });
  });

  it('returns the first and last name boxes apart from the listing mapping', () => {
    const detected = detectMapping([
      control(0, { label: 'First name' }),
      control(1, { label: 'Last name' }),
      control(2, { label: 'Email' }),
      control(3, { label: 'Company' }),
    ]);
    expect(detected.contactFirstName).toBe('#f0');
    expect(detected.contactLastName).toBe('#f1');
    expect(detected.mapping.contactName).toBeUndefined();
  });

  it('reads a bare "Name" as the full name alone, and as the other half beside a first or last name', () => {
    const alone = detectMapping([control(0, { label: 'Nama' }), control(1, { label: 'Email' }), control(2, { label: 'Kota' })]);
    expect(alone.mapping.contactName).toEqual(['#f0']);
    const split = detectMapping([
      control(0, { label: 'Nome' }),
      control(1, { label: 'Sobrenome' }),
      control(2, { label: 'E-mail' }),
      control(3, { label: 'Cidade' }),
    ]);
    expect(split).toMatchObject({ contactFirstName: '#f0', contactLastName: '#f1' });
    expect(split.mapping.contactName).toBeUndefined();
  });

  it('keeps an area-code box and the number box after it together, whatever their own labels and names', () => {
    const detected = detectMapping([
      control(0, { label: 'Company' }),
      control(1, { label: 'Email' }),
      control(2, { label: 'DDD' }, { name: 'creditPhoneArea', maxLength: 2 }),
      control(3, { label: 'Telefone' }, { maxLength: 9 }),
      control(4, { placeholder: 'Vorwahl' }, { formIndex: 1 }),
    ]);
    expect(detected.mapping.phone).toEqual(['#f2']);
    expect(detected.phoneParts).toEqual(['#f2', '#f3']);
  });

  it('gives each mapped field its confidence and is certain when the required fields are found from labels', () => {
    const detected = detectMapping([
      control(0, { label: 'Business name' }),
      control(1, { placeholder: 'Email' }),
      control(2, { label: 'City' }),
    ]);
    expect(detected.confidence).toEqual({ businessName: 0.9, email: 0.7, city: 0.9 });
    expect(detected).toMatchObject({ uncertain: false, missingRequired: [] });
  });

  it('is uncertain when a required field is missing or only guessed', () => {
    const noEmail = detectMapping([control(0, { label: 'Company' }), control(1, { label: 'Phone' }), control(2, { label: 'City' })]);
    expect(noEmail).toMatchObject({ uncertain: true, missingRequired: ['email'] });
    const guessed = detectMapping([control(0, { label: 'Company' }), control(1, {}, { type: 'email' }), control(2, { label: 'City' })]);
    expect(guessed.confidence.email).toBeLessThan(UNCERTAIN_BELOW);
    expect(guessed).toMatchObject({ uncertain: true, missingRequired: [] });
  });
});
