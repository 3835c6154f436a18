import { classifyField } from './classify-field';
import { aDescriptor } from '../../../test/support/field-descriptor.builder';

describe('classifyField', () => {
  it('trusts the autocomplete attribute first', () => {
    const c = classifyField(aDescriptor({ autocomplete: 'section-a billing organization', labels: { label: 'Your name' } }));
    expect(c).toMatchObject({ field: 'businessName', source: 'autocomplete' });
    expect(classifyField(aDescriptor({ autocomplete: 'shipping address-level2' })).field).toBe('city');
    expect(classifyField(aDescriptor({ autocomplete: 'address-line2', labels: { label: 'Address' } })).field).toBe('address2');
    expect(classifyField(aDescriptor({ autocomplete: 'cc-name', labels: { placeholder: 'Name on card' } })).field).toBeNull();
  });

  it('never classifies a hidden or honeypot control', () => {
    const hidden = aDescriptor({ visible: false, hiddenReason: 'offscreen', labels: { label: 'Website' } });
    expect(classifyField(hidden)).toMatchObject({ field: null, source: 'hidden', rule: 'offscreen' });
    const byName = aDescriptor({ name: 'honeypot_email', labels: { label: 'Email' } });
    expect(classifyField(byName)).toMatchObject({ field: null, source: 'hidden' });
    expect(classifyField(aDescriptor({ readOnly: true, labels: { nearby: 'City' } })).field).toBeNull();
  });

  it.each([
    ['placeholder only', { placeholder: 'Business name' }, 'businessName', 'placeholder'],
    ['aria-label only', { ariaLabel: 'Contact person' }, 'contactName', 'aria-label'],
    ['table cell before', { nearby: 'Telefon*' }, 'phone', 'nearby'],
    ['aria-labelledby', { ariaLabelledBy: 'Postleitzahl' }, 'zip', 'aria-labelledby'],
    ['Spanish label', { label: 'Población:' }, 'city', 'label'],
    ['Russian label', { label: 'Почтовый индекс:' }, 'zip', 'label'],
    ['Turkish label', { label: 'İl:' }, 'state', 'label'],
    ['example URL as placeholder', { placeholder: 'www.yourbusiness.com' }, 'website', 'placeholder'],
  ] as const)('reads the %s', (_case, labels, field, source) => {
    expect(classifyField(aDescriptor({ labels }))).toMatchObject({ field, source });
  });

  it('falls back to the name, split into words', () => {
    expect(classifyField(aDescriptor({ name: 'addrsForm[0].postalCode1' })).field).toBe('zip');
    expect(classifyField(aDescriptor({ name: 'txtBizName', labels: { label: 'Company Name' } })).field).toBe('businessName');
  });

  it.each([
    ['Password', 'text'],
    ['Search', 'text'],
    ['Fax:', 'tel'],
    ['Gift card number', 'text'],
    ['Promo code', 'text'],
    ['Address line 3', 'text'],
    ['Landmark', 'text'],
    ['Username', 'text'],
    ['Enter the security code', 'text'],
    ['Card number', 'text'],
    ['Ext.', 'tel'],
    ['Middle initial', 'text'],
  ])('leaves "%s" alone', (label, type) => {
    expect(classifyField(aDescriptor({ type, labels: { label } })).field).toBeNull();
  });

  it.each([
    ['Address line 2'],
    ['Apt., suite, bldg.'],
    ['Complemento'],
    ["Complément d'adresse"],
    ['Adresszusatz'],
    ['建物名・部屋番号'],
    ['상세주소'],
    ['Офис / квартира'],
    ['पता पंक्ति 2'],
    ['Detail Lainnya (Blok / No. Unit)'],
  ])('reads "%s" as the second address line, never the street', (label) => {
    expect(classifyField(aDescriptor({ labels: { label } })).field).toBe('address2');
  });

  it.each([
    ['Nama Perusahaan', 'businessName'],
    ['Nama Depan', 'contactFirstName'],
    ['Nama Belakang', 'contactLastName'],
    ['Adı Soyadı', 'contactName'],
    ['Sobrenome', 'contactLastName'],
    ['Apelido', 'contactLastName'],
    ['Cidade', 'city'],
    ['CEP', 'zip'],
    ['Código postal', 'zip'],
    ['Provinsi', 'state'],
    ['Imię i nazwisko', 'contactName'],
    ['Họ và tên', 'contactName'],
    ['郵便番号', 'zip'],
    ['联系人', 'contactName'],
    ['우편번호', 'zip'],
    ['الرمز البريدي', 'zip'],
    ['पिन कोड', 'zip'],
    ['Поштовий індекс', 'zip'],
  ] as const)('reads the label "%s" as %s', (label, field) => {
    expect(classifyField(aDescriptor({ labels: { label } })).field).toBe(field);
  });

  it('lets a box say which half of a shared "Name" row it holds', () => {
    expect(classifyField(aDescriptor({ labels: { nearby: 'お名前', placeholder: '姓' } })).field).toBe('contactLastName');
    expect(classifyField(aDescriptor({ labels: { nearby: 'Name', placeholder: 'First' + ' name' } })).field).toBe('contactFirstName');
    expect(classifyField(aDescriptor({ labels: { nearby: 'Name', placeholder: 'e.g. Jane Doe' } })).field).toBe('contactName');
  });

  it('tells a country select named CountryCode from a dialling-code picker', () => {
    const countries = aDescriptor({ tag: 'select', type: 'select', name: 'CountryCode', options: ['Portugal', 'Espanha'] });
    expect(classifyField(countries).field).toBe('country');
    const dial = aDescriptor({
      tag: 'select',
      type: 'select',
      name: 'phoneCountry',
      labels: { label: 'Country' },
      options: ['+351', '+34', '+1'],
    });
    expect(classifyField(dial).field).toBeNull();
  });

  it('tells a confirmation box from the e-mail itself', () => {
    expect(classifyField(aDescriptor({ labels: { label: 'Re-type Email:' } })).field).toBe('confirmEmail');
    expect(classifyField(aDescriptor({ labels: { nearby: 'E-Mail wiederholen' } })).field).toBe('confirmEmail');
    expect(classifyField(aDescriptor({ type: 'email', labels: { label: 'Email' } })).field).toBe('email');
  });

  it('only offers a select the fields a list can hold', () => {
    const states = aDescriptor({ tag: 'select', type: 'select', labels: { label: 'State' }, options: ['Alabama', 'Alaska'] });
    expect(classifyField(states).field).toBe('state');
    expect(classifyField(aDescriptor({ tag: 'select', type: 'select', labels: { nearby: 'Title' } })).field).toBeNull();
    expect(classifyField(aDescriptor({ tag: 'select', type: 'select', labels: { label: 'Your name' } })).field).toBeNull();
  });

  it('ticks terms boxes but not newsletters', () => {
    const terms = aDescriptor({ type: 'checkbox', labels: { label: 'I agree to the Terms of Service' } });
    expect(classifyField(terms).field).toBe('terms');
    const news = aDescriptor({ type: 'checkbox', labels: { label: 'Subscribe to our newsletter and accept offers' } });
    expect(classifyField(news).field).toBeNull();
  });

  it('uses the input type when no text decides', () => {
    expect(classifyField(aDescriptor({ type: 'tel' }))).toMatchObject({ field: 'phone', source: 'type' });
    expect(classifyField(aDescriptor({ type: 'file', labels: { label: 'Upload your logo' } })).field).toBe('logo');
    expect(classifyField(aDescriptor({ type: 'file', labels: { label: 'Resume' } })).field).toBeNull();
  });
});
