import { ignoreUnknownEvent } from '../shared/decider';
import { ERASED, type BusinessProfile, type CustomerEvent, type CustomerPackage, type CustomerStatus } from './customer.events';

export interface CustomerState {
  readonly exists: boolean;
  readonly customerId: string;
  readonly profile: BusinessProfile;
  readonly package: CustomerPackage | null;
  readonly status: CustomerStatus;
  readonly erased: boolean;
}

/** A profile with every field set to `value`. */
export function uniformProfile(value: string): BusinessProfile {
  const v = value;
  return {
    businessName: v,
    contactName: v,
    email: v,
    phone: v,
    website: v,
    address: v,
    address2: v,
    city: v,
    state: v,
    zip: v,
    country: v,
    category: v,
    description: v,
    logoUrl: v,
  };
}

export const emptyProfile = (): BusinessProfile => uniformProfile('');
export const erasedProfile = (): BusinessProfile => uniformProfile(ERASED);

export function initialCustomerState(): CustomerState {
  return { exists: false, customerId: '', profile: emptyProfile(), package: null, status: 'active', erased: false };
}

export function evolveCustomer(state: CustomerState, event: CustomerEvent): CustomerState {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, profile } = event.data;
      return {
        ...initialCustomerState(),
        exists: true,
        customerId,
        profile: { ...emptyProfile(), ...profile },
        package: event.data.package,
      };
    }
    case 'BusinessProfileUpdated':
      return { ...state, profile: { ...state.profile, ...event.data.changes } };
    case 'PackagePurchased':
      return { ...state, package: { directoryCount: event.data.directoryCount, tier: event.data.tier } };
    case 'CustomerDeactivated':
      return { ...state, status: 'deactivated' };
    case 'CustomerDataErased':
      return { ...state, status: 'deactivated', erased: true, profile: erasedProfile() };
    default:
      return ignoreUnknownEvent(event, state);
  }
}
