import type { RecordedEnvelope } from '../../event-store/event-store.port';
import { ERASED, type CustomerEvent } from '../customer.events';
import { emptyProfile } from '../customer.state';
import { openCustomerEvent, sealCustomerEvent, type StoredCustomerEvent } from './customer-event-codec';
import { newDataKey, open, seal, SealedValueError } from './personal-data-cipher';

const envelope = (streamVersion: number): RecordedEnvelope => ({
  streamId: 'customer-c-1',
  streamVersion,
  globalPosition: 1n,
  checkpoint: '1',
  recordedAt: new Date(),
  metadata: {
    eventId: 'e',
    correlationId: 'c',
    causationId: 'c',
    actor: { kind: 'staff', id: 's' },
    timestamp: '2026-12-01T00:00:00.000Z',
  },
});
const recorded = (event: StoredCustomerEvent, version = 1) => ({ ...envelope(version), ...event });
const profile = { ...emptyProfile(), businessName: 'Acme Plumbing', email: 'owner@acme.test', phone: '+1 555 0100' };
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId: 'c-1', profile, package: { directoryCount: 5, tier: 'pro' } },
};

describe('personal data cipher (AES-256-GCM)', () => {
  it('opens what it sealed, and refuses another key, another context or an altered value', () => {
    const key = newDataKey();
    const sealed = seal(key, 'owner@acme.test', 'ctx');
    expect(sealed).not.toContain('owner');
    expect(open(key, sealed, 'ctx')).toBe('owner@acme.test');
    expect(() => open(newDataKey(), sealed, 'ctx')).toThrow(SealedValueError);
    expect(() => open(key, sealed, 'other')).toThrow(SealedValueError);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => open(key, parts.join('.'), 'ctx')).toThrow(SealedValueError);
    expect(() => open(key, 'plain text', 'ctx')).toThrow(SealedValueError);
  });
  it('uses a fresh IV each time: the same value seals differently', () => {
    const key = newDataKey();
    expect(seal(key, 'x', 'ctx')).not.toBe(seal(key, 'x', 'ctx'));
  });
});

describe('customer event codec', () => {
  it('stores no personal value in clear, and reads it back with the key', () => {
    const key = newDataKey();
    const stored = sealCustomerEvent(registered, key);
    expect(JSON.stringify(stored)).not.toMatch(/Acme|owner@acme|555/);
    expect(stored).toMatchObject({
      data: {
        customerId: 'c-1',
        package: { directoryCount: 5, tier: 'pro' },
        profile: { fields: expect.arrayContaining(['businessName', 'email']) },
      },
    });
    expect(openCustomerEvent(recorded(stored), key)).toEqual(registered);
  });
  it('reads every sealed field as erased once the key is gone', () => {
    const stored = sealCustomerEvent(
      { type: 'BusinessProfileUpdated', data: { customerId: 'c-1', changes: { city: 'Leeds', phone: '1' } } },
      newDataKey(),
    );
    expect(openCustomerEvent(recorded(stored), null)).toEqual({
      type: 'BusinessProfileUpdated',
      data: { customerId: 'c-1', changes: { phone: ERASED, city: ERASED } },
    });
  });
  it('refuses to seal personal data without a key', () => {
    expect(() => sealCustomerEvent(registered, null)).toThrow(/without the customer's data key/);
  });
  it("does not open a value moved into another customer's event", () => {
    const key = newDataKey();
    const stored = sealCustomerEvent(registered, key);
    if (stored.type !== 'CustomerRegistered') throw new Error('unexpected');
    const moved: StoredCustomerEvent = { ...stored, data: { ...stored.data, customerId: 'c-2' } };
    expect(() => openCustomerEvent(recorded(moved), key)).toThrow(SealedValueError);
  });
});
