import type { FormMapping, ListingField } from '../workers/submitter.port';

const FIELDS: Readonly<Record<ListingField, true>> = {
  businessName: true,
  contactName: true,
  email: true,
  phone: true,
  website: true,
  address: true,
  address2: true,
  city: true,
  state: true,
  zip: true,
  country: true,
  category: true,
  description: true,
  logo: true,
};
export const LISTING_FIELDS = Object.keys(FIELDS) as ListingField[];
export const MAX_SELECTORS_PER_FIELD = 10;
export const MAX_SELECTOR_LENGTH = 500;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A form mapping as the seed writes it (field → ordered fallback selectors). Problems go to
 * `problems`, each prefixed with `where`. An empty mapping is null: an empty curated mapping
 * would hide the learned one and stop workers from learning.
 */
export function parseFormMapping(value: unknown, where: string, problems: string[]): FormMapping | null {
  if (value === null || value === undefined) return null;
  if (!isPlainObject(value)) {
    problems.push(`${where}: must be an object of field → [selectors]`);
    return null;
  }
  const mapping: Partial<Record<ListingField, readonly string[]>> = {};
  for (const [field, selectors] of Object.entries(value)) {
    if (!(field in FIELDS)) {
      problems.push(`${where}: unknown field "${field.slice(0, 60)}" (known: ${LISTING_FIELDS.join(', ')})`);
      continue;
    }
    const parsed = parseSelectors(selectors, `${where}.${field}`, problems);
    if (parsed) mapping[field as ListingField] = parsed;
  }
  return Object.keys(mapping).length > 0 ? mapping : null;
}

function parseSelectors(value: unknown, where: string, problems: string[]): readonly string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_SELECTORS_PER_FIELD) {
    problems.push(`${where}: must be a list of 1 to ${MAX_SELECTORS_PER_FIELD} CSS selectors`);
    return null;
  }
  const bad = value.findIndex((s) => typeof s !== 'string' || s.trim() === '' || s.length > MAX_SELECTOR_LENGTH);
  if (bad >= 0) {
    problems.push(`${where}[${bad}]: a selector must be a non-empty string of at most ${MAX_SELECTOR_LENGTH} characters`);
    return null;
  }
  return (value as string[]).map((selector) => selector.trim());
}
