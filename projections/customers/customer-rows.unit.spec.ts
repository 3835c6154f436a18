import type { CustomerEvent } from '../../src/customers/customer.events';
import { emptyProfile } from '../../src/customers/customer.state';
import { evolveCustomerRow, type CustomerRow } from './customer-rows';

const at = '2026-12-01T00:00:00.000Z';
const later = '2026-12-02T00:00:00.000Z';
const customerId = 'c-1';
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId,
    profile: { ...emptyProfile(), businessName: 'Acme', email: 'a@acme.test', logoUrl: 'https://acme.test/logo.png' },
    package: { directoryCount: 5, tier: 'pro' },
  },
};
const row = evolveCustomerRow(null, registered, at, 1) as CustomerRow;

describe('customers read model rows', () => {
  it('a registration makes an active row at version 1', () => {
    expect(row).toMatchObject({
      id: customerId,
      business_name: 'Acme',
      email: 'a@acme.test',
      logo_url: 'https://acme.test/logo.png',
      package_tier: 'pro',
      package_size: 5,
      status: 'active',
      version: 1,
      created_at: at,
      erased_at: null,
    });
  });
  it('an update changes only the columns it carries', () => {
    const next = evolveCustomerRow(row, { type: 'BusinessProfileUpdated', data: { customerId, changes: { city: 'Leeds' } } }, later, 2);
    expect(next).toEqual({ ...row, city: 'Leeds', updated_at: later, version: 2 });
  });
  it('a purchase replaces the package; deactivation the status', () => {
    expect(
      evolveCustomerRow(row, { type: 'PackagePurchased', data: { customerId, directoryCount: 100, tier: 'starter' } }, later, 2),
    ).toMatchObject({ package_size: 100, package_tier: 'starter', version: 2 });
    expect(evolveCustomerRow(row, { type: 'CustomerDeactivated', data: { customerId } }, later, 2)).toMatchObject({
      status: 'deactivated',
    });
  });
  it('erasure blanks every personal column', () => {
    const next = evolveCustomerRow(row, { type: 'CustomerDataErased', data: { customerId } }, later, 3);
    expect(next).toMatchObject({
      business_name: '[erased]',
      email: '[erased]',
      logo_url: '[erased]',
      status: 'deactivated',
      erased_at: later,
      package_size: 5,
    });
    expect(JSON.stringify(next)).not.toMatch(/Acme|acme\.test/);
  });
  it('a lifecycle event without its registration makes no row', () => {
    expect(evolveCustomerRow(null, { type: 'CustomerDeactivated', data: { customerId } }, at, 1)).toBeNull();
  });
});
