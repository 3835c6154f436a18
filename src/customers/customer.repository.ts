import type { Reader } from '../database/customer-scope';
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../database/database';
import type { BusinessSnapshot, PackageTier } from '../jobs/job.events';

export interface Customer {
  readonly id: string;
  readonly packageTier: PackageTier;
  readonly packageSize: number;
  readonly business: BusinessSnapshot;
}

/** The snapshot's fields whose column has the same name; the row differs only in the others. */
type SameNamedColumns = 'email' | 'phone' | 'website' | 'address' | 'city' | 'state' | 'zip' | 'country' | 'category' | 'description';

interface CustomerRow extends Pick<BusinessSnapshot, SameNamedColumns> {
  readonly id: string;
  readonly business_name: string;
  readonly address2: string;
  readonly contact_name: string;
  readonly package_tier: PackageTier;
  readonly package_size: number;
}

/** The `customers` read model as job creation and sign-up read it; a job snapshots the profile at creation. */
@Injectable()
export class CustomerRepository {
  constructor(@Inject(Database) private readonly database: Database) {}

  async findById(id: string): Promise<Customer | null> {
    // A deactivated (or erased) customer gets no new jobs; `exists` still sees it, so it can read its old ones.
    const { rows } = await this.database.pool.query<CustomerRow>("SELECT * FROM customers WHERE id = $1 AND status = 'active'", [id]);
    return rows[0] ? toCustomer(rows[0]) : null;
  }

  async exists(id: string, reader: Reader = this.database.pool): Promise<boolean> {
    const { rowCount } = await reader.query('SELECT 1 FROM customers WHERE id = $1', [id]);
    return rowCount === 1;
  }
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    packageTier: row.package_tier,
    packageSize: row.package_size,
    business: toBusinessSnapshot(row),
  };
}

function toBusinessSnapshot(row: CustomerRow): BusinessSnapshot {
  const snapshot: BusinessSnapshot = {
    businessName: row.business_name,
    email: row.email,
    phone: row.phone,
    website: row.website,
    address: row.address,
    city: row.city,
    state: row.state,
    zip: row.zip,
    country: row.country,
    category: row.category,
    description: row.description,
  };
  // Optional fields only when set, so snapshots of customers without them stay as they were.
  return {
    ...snapshot,
    ...(row.address2 ? { address2: row.address2 } : {}),
    ...(row.contact_name ? { contactName: row.contact_name } : {}),
  };
}
