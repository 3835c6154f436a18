import type { Event, EventTypes } from '../shared/message';
import type { PackageTier } from '../jobs/job.events';

/** The business listing a customer keeps with us; every field is personal data (R-CUST-6). */
export interface BusinessProfile {
  readonly businessName: string;
  readonly contactName: string;
  readonly email: string;
  readonly phone: string;
  readonly website: string;
  readonly address: string;
  readonly address2: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly country: string;
  readonly category: string;
  readonly description: string;
  readonly logoUrl: string;
}

export type ProfileField = keyof BusinessProfile;

export const PROFILE_FIELDS: readonly ProfileField[] = [
  'businessName',
  'contactName',
  'email',
  'phone',
  'website',
  'address',
  'address2',
  'city',
  'state',
  'zip',
  'country',
  'category',
  'description',
  'logoUrl',
];

export interface CustomerPackage {
  readonly directoryCount: number;
  readonly tier: PackageTier;
}

export type CustomerStatus = 'active' | 'deactivated';

/** What a personal field reads as once its data key is gone (crypto-shredded). */
export const ERASED = '[erased]';

/**
 * Events of stream `customer-<id>`, as the decider sees them (plain text). In the log the profile
 * parts are sealed under the customer's data key (personal-data/customer-event-codec.ts).
 */
export type CustomerRegistered = Event<
  'CustomerRegistered',
  {
    customerId: string;
    profile: BusinessProfile;
    package: CustomerPackage;
  }
>;
export type BusinessProfileUpdated = Event<
  'BusinessProfileUpdated',
  {
    customerId: string;
    changes: Partial<BusinessProfile>;
  }
>;
export type PackagePurchased = Event<'PackagePurchased', { customerId: string; directoryCount: number; tier: PackageTier }>;
export type CustomerDeactivated = Event<'CustomerDeactivated', { customerId: string }>;
/** The data key was destroyed: every personal field of the stream now reads as ERASED. */
export type CustomerDataErased = Event<'CustomerDataErased', { customerId: string }>;

export type CustomerEvent = CustomerRegistered | BusinessProfileUpdated | PackagePurchased | CustomerDeactivated | CustomerDataErased;

export const CUSTOMER_EVENT_TYPES: EventTypes<CustomerEvent> = [
  'CustomerRegistered',
  'BusinessProfileUpdated',
  'PackagePurchased',
  'CustomerDeactivated',
  'CustomerDataErased',
];

export const CUSTOMER_STREAM_PREFIX = 'customer-';
export const customerStreamId = (customerId: string): string => `${CUSTOMER_STREAM_PREFIX}${customerId}`;

export const MAX_PACKAGE_DIRECTORIES = 500;
