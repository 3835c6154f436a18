import {
  PROFILE_FIELDS,
  type BusinessProfile,
  type CustomerEvent,
  type CustomerStatus,
  type ProfileField,
} from '../../src/customers/customer.events';
import { emptyProfile, erasedProfile } from '../../src/customers/customer.state';
import type { PackageTier } from '../../src/jobs/job.events';

/** A row of the `customers` read model (migration 006, 017, 023) as the projection writes it. */
export interface CustomerRow {
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
  readonly created_at: string;
  readonly updated_at: string;
  readonly erased_at: string | null;
  readonly version: number;
}

export const CUSTOMER_COLUMNS: readonly (keyof CustomerRow)[] = [
  'id',
  'business_name',
  'contact_name',
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
  'logo_url',
  'package_tier',
  'package_size',
  'status',
  'created_at',
  'updated_at',
  'erased_at',
  'version',
];

type ProfileColumns = Pick<
  CustomerRow,
  | 'business_name'
  | 'contact_name'
  | 'email'
  | 'phone'
  | 'website'
  | 'address'
  | 'address2'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'category'
  | 'description'
  | 'logo_url'
>;

const COLUMN_OF: Readonly<Record<ProfileField, keyof ProfileColumns>> = {
  businessName: 'business_name',
  contactName: 'contact_name',
  email: 'email',
  phone: 'phone',
  website: 'website',
  address: 'address',
  address2: 'address2',
  city: 'city',
  state: 'state',
  zip: 'zip',
  country: 'country',
  category: 'category',
  description: 'description',
  logoUrl: 'logo_url',
};

function columnsOf(p: BusinessProfile): ProfileColumns {
  return {
    business_name: p.businessName,
    contact_name: p.contactName,
    email: p.email,
    phone: p.phone,
    website: p.website,
    address: p.address,
    address2: p.address2,
    city: p.city,
    state: p.state,
    zip: p.zip,
    country: p.country,
    category: p.category,
    description: p.description,
    logo_url: p.logoUrl,
  };
}

/** Only the columns of the fields an update carries. */
function changedColumns(changes: Partial<BusinessProfile>): Partial<ProfileColumns> {
  const given = PROFILE_FIELDS.filter((field) => changes[field] !== undefined);
  return Object.fromEntries(given.map((field) => [COLUMN_OF[field], changes[field]]));
}

/**
 * The next row after an opened (decrypted or redacted) event at stream version `version`, or
 * null when the event does not apply (a lifecycle event before its registration).
 */
export function evolveCustomerRow(row: CustomerRow | null, event: CustomerEvent, at: string, version: number): CustomerRow | null {
  if (event.type === 'CustomerRegistered') {
    const { customerId, profile } = event.data;
    return {
      id: customerId,
      ...columnsOf({ ...emptyProfile(), ...profile }),
      package_tier: event.data.package.tier,
      package_size: event.data.package.directoryCount,
      status: 'active',
      created_at: row?.created_at ?? at,
      updated_at: at,
      erased_at: null,
      version,
    };
  }
  if (!row) return null;
  const next = { ...row, updated_at: at, version };
  switch (event.type) {
    case 'BusinessProfileUpdated':
      return { ...next, ...changedColumns(event.data.changes) };
    case 'PackagePurchased':
      return { ...next, package_tier: event.data.tier, package_size: event.data.directoryCount };
    case 'CustomerDeactivated':
      return { ...next, status: 'deactivated' };
    case 'CustomerDataErased':
      return { ...next, ...columnsOf(erasedProfile()), status: 'deactivated', erased_at: at };
    default: {
      const unexpected: never = event;
      throw new Error(`customers projection: unhandled ${(unexpected as CustomerEvent).type}`);
    }
  }
}
