import { sampleBusiness } from '../../test/support/job-scenarios';
import { listingKey, normalizeField, submissionIdempotencyKey } from './idempotency-key';

describe('submissionIdempotencyKey', () => {
  const at = new Date('2026-11-29T10:00:00Z');
  const key = (overrides = {}, when = at, window = 30): string =>
    submissionIdempotencyKey('job-1', 'dir-1', { ...sampleBusiness, ...overrides }, when, window);

  it('is a 64-character SHA-256 hex digest, stable for the same input', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(key());
  });

  it('ignores case, spacing and punctuation but not content', () => {
    expect(key({ businessName: '  ACME   plumbing!! ' })).toBe(key());
    expect(key({ businessName: 'Acme Heating' })).not.toBe(key());
  });

  it('changes with the directory, the job and the time window', () => {
    expect(submissionIdempotencyKey('job-1', 'dir-2', sampleBusiness, at, 30)).not.toBe(key());
    expect(submissionIdempotencyKey('job-2', 'dir-1', sampleBusiness, at, 30)).not.toBe(key());
    expect(key({}, new Date(at.getTime() + 31 * 24 * 3600 * 1000))).not.toBe(key());
  });

  it('normalises unicode compatibility forms', () => {
    expect(normalizeField('Ｃａｆé')).toBe(normalizeField('café'));
  });
});

describe('listingKey', () => {
  const key = (overrides = {}, directoryId = 'dir-1', customerId = 'cust-1'): string =>
    listingKey(customerId, directoryId, { ...sampleBusiness, ...overrides });

  it('is the same for any job and any time: only the customer, the directory and the normalised listing count', () => {
    expect(key()).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ businessName: '  ACME   plumbing!! ' })).toBe(key());
    expect(key({}, 'dir-2')).not.toBe(key());
    expect(key({}, 'dir-1', 'cust-2')).not.toBe(key());
    expect(key({ phone: '+1 555 0100 9' })).not.toBe(key());
  });

  it('differs from every submission key (another purpose, another hash input)', () => {
    expect(key()).not.toBe(submissionIdempotencyKey('job-1', 'dir-1', sampleBusiness, new Date(), 30));
  });
});
