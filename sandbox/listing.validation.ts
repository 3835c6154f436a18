import type { ListingField } from '../src/workers/submitter.port';
import type { SiteTemplate } from './sites/site-template';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const REQUIRED: readonly ListingField[] = ['businessName', 'email', 'website'];
const LABELS: Partial<Record<ListingField, string>> = { businessName: 'Business name', email: 'Email', website: 'Website' };

export interface ListingCheck {
  /** Listing fields (or `terms`) missing or malformed. */
  readonly missing: readonly string[];
  readonly messages: readonly string[];
}

/** The value a site received for a listing field (first + last joined for split contact names, phone boxes with dashes). */
export function listingValue(site: SiteTemplate, fields: Readonly<Record<string, string>>, field: ListingField): string {
  if (field === 'contactName' && site.contactSplit) {
    return [fields[site.contactSplit.first], fields[site.contactSplit.last]].filter(Boolean).join(' ').trim();
  }
  if (field === 'phone' && site.phoneSplit)
    return site.phoneSplit
      .map((box) => (fields[box.param] ?? '').trim())
      .filter(Boolean)
      .join('-');
  const param = site.params[field];
  return param === undefined ? '' : (fields[param] ?? '').trim();
}

/** Business name, email and website are required everywhere; terms where the site has them. */
export function checkListing(
  site: SiteTemplate,
  fields: Readonly<Record<string, string>>,
  options: { readonly withTerms: boolean } = { withTerms: true },
): ListingCheck {
  const missing: string[] = [];
  const messages: string[] = [];
  for (const field of REQUIRED) {
    const value = listingValue(site, fields, field);
    if (value === '') {
      missing.push(field);
      messages.push(`${LABELS[field]} is required`);
    } else if (field === 'email' && !EMAIL.test(value)) {
      missing.push(field);
      messages.push('Email address is not valid');
    }
  }
  if (options.withTerms && site.terms !== null && !fields[site.terms]) {
    missing.push('terms');
    messages.push('You must accept the terms');
  }
  return { missing, messages };
}
