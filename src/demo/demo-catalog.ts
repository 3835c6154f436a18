import type { Pool } from 'pg';
import type { SandboxDirectory } from '../../sandbox/sandbox-catalog';
import type { BusinessSnapshot } from '../jobs/job.events';

export const DEMO_CUSTOMER_ID = 'demo-customer';

/** The sandbox's sites as catalog entries; their URLs follow the sandbox's port on every boot. */
export async function seedDemoCatalog(pool: Pool, directories: readonly SandboxDirectory[]): Promise<void> {
  await pool.query(
    `INSERT INTO directories (id, name, url, submission_url, domain, domain_authority, category, difficulty, requires_login, has_captcha, form_mapping)
     SELECT d.id, d.name, d.url, d."submissionUrl", d.domain, d."domainAuthority", d.category, d.difficulty, d."requiresLogin", d."hasCaptcha", d."formMapping"
     FROM jsonb_to_recordset($1::jsonb) AS d(id text, name text, url text, "submissionUrl" text, domain text, "domainAuthority" int,
       category text, difficulty text, "requiresLogin" boolean, "hasCaptcha" boolean, "formMapping" jsonb)
     ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, submission_url = EXCLUDED.submission_url, form_mapping = EXCLUDED.form_mapping, active = true`,
    [JSON.stringify(directories)],
  );
}

/**
 * A row without a stream (version 0), like other SQL-seeded customers; once edited through the
 * API it has a stream and belongs to the projection, so a restart leaves it alone.
 */
export async function seedDemoCustomer(pool: Pool, business: BusinessSnapshot, packageSize: number): Promise<void> {
  const b = business;
  await pool.query(
    `INSERT INTO customers (id, business_name, email, phone, website, address, city, state, zip, country, category, description, contact_name, package_tier, package_size)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pro', $14)
     ON CONFLICT (id) DO UPDATE SET package_size = EXCLUDED.package_size WHERE customers.version = 0`,
    [
      DEMO_CUSTOMER_ID,
      b.businessName,
      b.email,
      b.phone,
      b.website,
      b.address,
      b.city,
      b.state,
      b.zip,
      b.country,
      b.category,
      b.description,
      b.contactName ?? '',
      packageSize,
    ],
  );
}
