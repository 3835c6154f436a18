import { given as givenDecider } from '../../test/support/decider-spec';
import type { CustomerCommand } from './customer.commands';
import { customerDecider } from './customer.decider';
import { ERASED, type BusinessProfile, type CustomerEvent } from './customer.events';
import { emptyProfile } from './customer.state';

const given = (events: readonly CustomerEvent[] = []) => givenDecider(customerDecider, events);
const customerId = 'c-1';
const profile: BusinessProfile = {
  ...emptyProfile(),
  businessName: 'Acme Plumbing',
  email: 'owner@acme.test',
  city: 'Springfield',
  country: 'US',
};
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { customerId, profile, package: { directoryCount: 50, tier: 'growth' } },
};
const deactivated: CustomerEvent = { type: 'CustomerDeactivated', data: { customerId } };
const erased: CustomerEvent = { type: 'CustomerDataErased', data: { customerId } };
const register = (overrides: Partial<Extract<CustomerCommand, { type: 'RegisterCustomer' }>['data']> = {}): CustomerCommand => ({
  type: 'RegisterCustomer',
  data: { customerId, profile, package: { directoryCount: 50, tier: 'growth' }, ...overrides },
});
const update = (changes: Partial<BusinessProfile>): CustomerCommand => ({ type: 'UpdateBusinessProfile', data: { changes } });

describe('RegisterCustomer', () => {
  it('registers the profile and the package', () => given().when(register()).then([registered]));
  it('refuses a second registration', () =>
    given([registered])
      .when(register())
      .thenThrows('ALREADY_EXISTS', /already registered/));
  it.each<[string, Partial<Extract<CustomerCommand, { type: 'RegisterCustomer' }>['data']>, RegExp]>([
    ['a blank business name', { profile: { ...profile, businessName: '  ' } }, /businessName must not be blank/],
    ['no email', { profile: { ...profile, email: '' } }, /email must not be blank/],
    ['0 directories', { package: { directoryCount: 0, tier: 'pro' } }, /1 to 500 directories; got 0/],
    ['501 directories', { package: { directoryCount: 501, tier: 'pro' } }, /1 to 500 directories; got 501/],
    ['a fractional count', { package: { directoryCount: 2.5, tier: 'pro' } }, /1 to 500/],
  ])('refuses %s', (_, overrides, message) => given().when(register(overrides)).thenThrows('INVALID_COMMAND', message));
  it('accepts exactly 500 directories', () => {
    expect(
      customerDecider.decide(register({ package: { directoryCount: 500, tier: 'starter' } }), customerDecider.initialState()),
    ).toHaveLength(1);
  });
});

describe('UpdateBusinessProfile', () => {
  it('records only the fields that change', () => {
    given([registered])
      .when(update({ city: 'Shelbyville', businessName: 'Acme Plumbing', phone: '+1 555 0100' }))
      .then([{ type: 'BusinessProfileUpdated', data: { customerId, changes: { phone: '+1 555 0100', city: 'Shelbyville' } } }]);
  });
  it('records nothing when nothing changes', () =>
    given([registered])
      .when(update({ city: 'Springfield' }))
      .then([]));
  it('refuses to blank the email', () =>
    given([registered])
      .when(update({ email: '' }))
      .thenThrows('INVALID_COMMAND', /email must not be blank/));
  it('refuses an unknown customer', () =>
    given()
      .when(update({ city: 'X' }))
      .thenThrows('NOT_FOUND'));
  it('refuses a deactivated customer', () =>
    given([registered, deactivated])
      .when(update({ city: 'X' }))
      .thenThrows('ILLEGAL_TRANSITION', /deactivated/));
  it('refuses an erased customer', () =>
    given([registered, deactivated, erased])
      .when(update({ city: 'X' }))
      .thenThrows('ILLEGAL_TRANSITION', /erased/));
});

describe('PurchasePackage', () => {
  it('records the new package', () => {
    given([registered])
      .when({ type: 'PurchasePackage', data: { directoryCount: 200, tier: 'enterprise' } })
      .then([{ type: 'PackagePurchased', data: { customerId, directoryCount: 200, tier: 'enterprise' } }]);
  });
  it('refuses an unknown tier', () => {
    given([registered])
      .when({ type: 'PurchasePackage', data: { directoryCount: 20, tier: 'gold' as 'pro' } })
      .thenThrows('INVALID_COMMAND', /unknown package tier gold/);
  });
  it('refuses a deactivated customer', () => {
    given([registered, deactivated])
      .when({ type: 'PurchasePackage', data: { directoryCount: 20, tier: 'pro' } })
      .thenThrows('ILLEGAL_TRANSITION');
  });
});

describe('DeactivateCustomer and EraseCustomerData', () => {
  it('deactivates once; again is a no-op', () => {
    given([registered]).when({ type: 'DeactivateCustomer', data: {} }).then([deactivated]);
    given([registered, deactivated]).when({ type: 'DeactivateCustomer', data: {} }).then([]);
  });
  it('erasure deactivates an active customer first', () =>
    given([registered]).when({ type: 'EraseCustomerData', data: {} }).then([deactivated, erased]));
  it('erasure of a deactivated customer records only the erasure; a second one nothing', () => {
    given([registered, deactivated]).when({ type: 'EraseCustomerData', data: {} }).then([erased]);
    given([registered, deactivated, erased]).when({ type: 'EraseCustomerData', data: {} }).then([]);
  });
  it('an erased customer folds to erased values', () => {
    const state = [registered, deactivated, erased].reduce(customerDecider.evolve, customerDecider.initialState());
    expect(state).toMatchObject({ erased: true, status: 'deactivated', profile: { businessName: ERASED, email: ERASED, city: ERASED } });
  });
  it('refuses an unknown customer', () => given().when({ type: 'DeactivateCustomer', data: {} }).thenThrows('NOT_FOUND'));
});
