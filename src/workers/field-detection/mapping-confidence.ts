import type { ListingField } from '../submitter.port';
import type { ClassifiedField } from './classify-fields';
import { BARE_NAME_RULE } from './field-patterns';

/** Without these a form cannot carry a listing: their absence means the page is probably not the listing form. */
export const REQUIRED_FIELDS: readonly ListingField[] = ['businessName', 'email'];

/** A required field detected with less confidence than this (a bare input type, an id) is a guess. */
export const UNCERTAIN_BELOW = 0.6;

export interface MappingConfidence {
  /** Mapped listing field → 0..1, how much its control is trusted to be that field. */
  readonly confidence: Partial<Readonly<Record<ListingField, number>>>;
  /** A required field is missing, or one was only guessed: worth a human look before trusting the mapping. */
  readonly uncertain: boolean;
  readonly missingRequired: readonly ListingField[];
}

/** Rules that read a field from context rather than from the control's own words count for less. */
const RULE_WEIGHT: Readonly<Record<string, number>> = { [BARE_NAME_RULE]: 0.9, name: 0.8 };

export function fieldConfidence(c: ClassifiedField): number {
  const weight = RULE_WEIGHT[c.classification.rule] ?? 1;
  return Math.round(c.classification.confidence * weight * 100) / 100;
}

export function mappingConfidence(mapped: ReadonlyMap<ListingField, ClassifiedField>): MappingConfidence {
  const confidence: Partial<Record<ListingField, number>> = {};
  for (const [field, c] of mapped) confidence[field] = fieldConfidence(c);
  const missingRequired = REQUIRED_FIELDS.filter((field) => !mapped.has(field));
  const guessed = REQUIRED_FIELDS.some((field) => (confidence[field] ?? 1) < UNCERTAIN_BELOW);
  return { confidence, uncertain: missingRequired.length > 0 || guessed, missingRequired };
}
