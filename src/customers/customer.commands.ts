/** Commands of the customer aggregate: imperative, readonly, decided by `customerDecider`. */
import type { Command } from '../shared/message';
import type { PackageTier } from '../jobs/job.events';
import type { BusinessProfile, CustomerPackage } from './customer.events';

export type RegisterCustomer = Command<
  'RegisterCustomer',
  {
    customerId: string;
    profile: BusinessProfile;
    package: CustomerPackage;
  }
>;
/** The fields given replace the stored ones; fields left out stay as they are. */
export type UpdateBusinessProfile = Command<'UpdateBusinessProfile', { changes: Partial<BusinessProfile> }>;
export type PurchasePackage = Command<'PurchasePackage', { directoryCount: number; tier: PackageTier }>;
export type DeactivateCustomer = Command<'DeactivateCustomer', Record<string, never>>;
/** Deactivates too: erased data cannot serve a listing. */
export type EraseCustomerData = Command<'EraseCustomerData', Record<string, never>>;

export type CustomerCommand = RegisterCustomer | UpdateBusinessProfile | PurchasePackage | DeactivateCustomer | EraseCustomerData;
