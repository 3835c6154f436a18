import type { PackageTier } from '../jobs/job.events';
import type { BusinessProfile, CustomerPackage, CustomerStatus } from './customer.events';
import type { CustomerState } from './customer.state';

/** A customer as the API shows it; `version` is also the ETag an edit must send back. */
export interface CustomerView {
  readonly customerId: string;
  readonly profile: BusinessProfile;
  readonly package: CustomerPackage | null;
  readonly status: CustomerStatus;
  readonly erased: boolean;
  readonly version: number;
}

/** The columns of `customers` a view is made from. */
export interface CustomerViewRow {
  readonly id: string;
  readonly business_name: string;
  readonly contact_name: string;
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
  readonly logo_url: string;
  readonly package_tier: PackageTier;
  readonly package_size: number;
  readonly status: CustomerStatus;
  readonly erased_at: Date | null;
  readonly version: number;
}

export const VIEW_COLUMNS = `id, business_name, contact_name, email, phone, website, address, address2, city, state, zip, country,
  category, description, logo_url, package_tier, package_size, status, erased_at, version`;

export function viewOfState(state: CustomerState, version: number): CustomerView {
  return {
    customerId: state.customerId,
    profile: state.profile,
    package: state.package,
    status: state.status,
    erased: state.erased,
    version,
  };
}

export function viewOfRow(row: CustomerViewRow): CustomerView {
  return {
    customerId: row.id,
    profile: {
      businessName: row.business_name,
      contactName: row.contact_name,
      email: row.email,
      phone: row.phone,
      website: row.website,
      address: row.address,
      address2: row.address2,
      city: row.city,
      state: row.state,
      zip: row.zip,
      country: row.country,
      category: row.category,
      description: row.description,
      logoUrl: row.logo_url,
    },
    package: { directoryCount: row.package_size, tier: row.package_tier },
    status: row.status,
    erased: row.erased_at !== null,
    version: row.version,
  };
}
