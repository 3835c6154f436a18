import type { Pool } from 'pg';
import { sandboxDirectories, type SandboxDirectory } from '../../sandbox/sandbox-catalog';
import { SANDBOX_BUSINESS } from '../../sandbox/sandbox.fixtures';
import { SITE_TEMPLATES } from '../../sandbox/sites/site.registry';
import { seedDemoCatalog } from '../../src/demo/demo-catalog';
import type { BusinessSnapshot } from '../../src/jobs/job.events';
import { SIMPLE_BEHAVIOUR } from './bench-config';

/** Simple-form templates: one page, nothing that waits, fails on purpose or needs a human. */
export const SIMPLE_TEMPLATES: readonly string[] = SITE_TEMPLATES.filter((t) => t.behaviour === SIMPLE_BEHAVIOUR).map((t) => t.id);

/** `count` simple-form directories, dealt round-robin over the simple templates, many instances each. */
export function simpleDirectories(baseUrl: string, count: number): SandboxDirectory[] {
  const perRound = SITE_TEMPLATES.length;
  const rounds = Math.ceil(count / SIMPLE_TEMPLATES.length) + 1;
  const simple = new Set(SIMPLE_TEMPLATES);
  return sandboxDirectories(baseUrl, perRound * rounds)
    .filter((d) => simple.has(d.id.replace(/^sandbox-/, '').replace(/-\d+$/, '')))
    .slice(0, count);
}

/** A distinct listing per customer: the sandbox dedupes by name + website or email per instance. */
export function benchBusiness(tag: string): BusinessSnapshot {
  return {
    ...SANDBOX_BUSINESS,
    businessName: `Bench Roasters ${tag}`,
    email: `owner-${tag}@bench.example`,
    website: `https://bench-${tag}.example`,
  };
}

export async function seedCatalog(pool: Pool, directories: readonly SandboxDirectory[]): Promise<void> {
  await seedDemoCatalog(pool, directories);
}

/** `count` customers with a package of every directory in the catalog; returns their ids. */
export async function seedCustomers(pool: Pool, prefix: string, count: number, packageSize: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const id = `${prefix}-${i}`;
    const b = benchBusiness(id);
    await pool.query(
      `INSERT INTO customers (id, business_name, email, phone, website, address, city, state, zip, country, category, description, contact_name, package_tier, package_size)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'pro', $14)`,
      [
        id,
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
    ids.push(id);
  }
  return ids;
}
