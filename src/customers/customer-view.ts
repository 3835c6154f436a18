import type { CustomerRow } from '../../projections/customers/customer-rows';
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

/** The columns of `customers` a view is made from: the projection's row, read back (timestamps come out as Dates). */
export interface CustomerViewRow extends Omit<CustomerRow, 'created_at' | 'updated_at' | 'erased_at'> {
  readonly erased_at: Date | null;
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
