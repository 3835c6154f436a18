import type { FormMapping, ListingField } from '../submitter.port';
import { classifyFields, phonePartsOf, type ClassifiedField } from './classify-fields';
import type { FieldDescriptor } from './field-descriptor';
import type { DetectedField } from './field-patterns';
import { mappingConfidence, type MappingConfidence } from './mapping-confidence';

/** A detected form: the listing mapping plus the controls that need more than one listing value. */
export interface DetectedMapping extends MappingConfidence {
  /** Each listing field → [one selector]. */
  readonly mapping: FormMapping;
  /** Separate first/last name boxes, to be filled from the split contact name. */
  readonly contactFirstName: string | null;
  readonly contactLastName: string | null;
  /** A "retype your e-mail" box, to be filled with the same e-mail. */
  readonly confirmEmail: string | null;
  /** A number split into boxes (area code, prefix, line…), in order; the first is mapping.phone. Empty when whole. */
  readonly phoneParts: readonly string[];
  /** Terms/consent checkboxes to tick. */
  readonly terms: readonly string[];
  /** The form the mapping lives in (`document.forms` index; -1 = controls outside any form). */
  readonly formIndex: number | null;
  readonly fields: readonly ClassifiedField[];
}

const LISTING_FIELDS: ReadonlySet<DetectedField> = new Set<ListingField>([
  'businessName',
  'contactName',
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
  'logo',
]);

/**
 * Maps a page's controls to listing fields: only visible ones, only in the form with the most
 * detected fields, at most one control per field (highest confidence, first in document order on ties).
 */
export function detectMapping(descriptors: readonly FieldDescriptor[]): DetectedMapping {
  const fields = classifyFields(descriptors);
  const formIndex = busiestForm(fields);
  const inForm = fields.filter((c) => c.classification.field !== null && c.descriptor.formIndex === formIndex);
  const best = bestPerField(inForm);
  const mapped = new Map<ListingField, ClassifiedField>();
  for (const [field, c] of best) if (LISTING_FIELDS.has(field)) mapped.set(field as ListingField, c);
  const mapping: Partial<Record<ListingField, readonly string[]>> = {};
  for (const [field, c] of mapped) mapping[field] = [c.descriptor.selector];
  const phone = best.get('phone');
  const parts = phone ? phonePartsOf(fields, phone) : [];
  return {
    mapping,
    fields,
    formIndex,
    ...mappingConfidence(mapped),
    contactFirstName: best.get('contactFirstName')?.descriptor.selector ?? null,
    contactLastName: best.get('contactLastName')?.descriptor.selector ?? null,
    confirmEmail: best.get('confirmEmail')?.descriptor.selector ?? null,
    phoneParts: parts.length > 1 ? parts : [],
    terms: inForm.filter((c) => c.classification.field === 'terms').map((c) => c.descriptor.selector),
  };
}

function busiestForm(fields: readonly ClassifiedField[]): number | null {
  const counts = new Map<number, Set<DetectedField>>();
  for (const c of fields) {
    const field = c.classification.field;
    if (field === null || field === 'terms') continue;
    counts.set(c.descriptor.formIndex, (counts.get(c.descriptor.formIndex) ?? new Set<DetectedField>()).add(field));
  }
  let best: number | null = null;
  for (const [form, set] of counts) if (best === null || set.size > (counts.get(best)?.size ?? 0)) best = form;
  return best;
}

function bestPerField(fields: readonly ClassifiedField[]): Map<DetectedField, ClassifiedField> {
  const best = new Map<DetectedField, ClassifiedField>();
  for (const c of fields) {
    const field = c.classification.field;
    if (field === null || field === 'terms') continue;
    const current = best.get(field);
    if (!current || c.classification.confidence > current.classification.confidence) best.set(field, c);
  }
  return best;
}
