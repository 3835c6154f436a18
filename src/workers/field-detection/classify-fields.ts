import { classifyField, isBareName, mentionsAreaCode, type FieldClassification } from './classify-field';
import type { FieldDescriptor } from './field-descriptor';
import type { DetectedField } from './field-patterns';

export interface ClassifiedField {
  readonly descriptor: FieldDescriptor;
  readonly classification: FieldClassification;
}

/** Like Chromium: a form with fewer distinct detected fields than this is not a data-entry form (login, search, store finder). */
export const MIN_FIELDS_PER_FORM = 3;
/** A phone box this short holds part of a number (area code, prefix, line). */
const MAX_PHONE_PART_LENGTH = 4;

const demote = (c: ClassifiedField, rule: string): ClassifiedField => ({
  descriptor: c.descriptor,
  classification: { field: null, confidence: 1, source: 'form', rule },
});

/**
 * Classifies every control, then applies what only the whole form shows: later boxes of a split
 * phone number, a street split into street name and house number, and forms too small to matter.
 */
export function classifyFields(descriptors: readonly FieldDescriptor[]): ClassifiedField[] {
  const classified = descriptors.map((descriptor) => ({ descriptor, classification: classifyField(descriptor) }));
  return dropSmallForms(dropSplitAddresses(dropPhoneContinuations(resolveBareNames(classified))));
}

/**
 * A box labelled only "Name" is the full name, unless the form also asks for a first or a last
 * name: then it is the other half ('Nome' beside 'Sobrenome', 'Name' beside 'Vorname').
 */
function resolveBareNames(fields: readonly ClassifiedField[]): ClassifiedField[] {
  const has = (form: number, field: DetectedField): boolean =>
    fields.some((c) => c.descriptor.formIndex === form && c.classification.field === field);
  return fields.map((c) => {
    if (c.classification.field !== 'contactName' || !isBareName(c.descriptor)) return c;
    const form = c.descriptor.formIndex;
    const field =
      has(form, 'contactLastName') && !has(form, 'contactFirstName')
        ? 'contactFirstName'
        : has(form, 'contactFirstName') && !has(form, 'contactLastName')
          ? 'contactLastName'
          : null;
    return field ? { descriptor: c.descriptor, classification: { ...c.classification, field } } : c;
  });
}

/** Split numbers: the first box is the phone (its whole run is reported by phonePartsOf); later boxes are not. */
function dropPhoneContinuations(fields: readonly ClassifiedField[]): ClassifiedField[] {
  return fields.map((c, i) => {
    if (c.classification.field !== 'phone') return c;
    const prev = previousFillable(fields, i);
    if (prev === null || prev.classification.field !== 'phone' || !sameForm(prev, c)) return c;
    // An area-code box ('Vorwahl', 'DDD') is followed by the rest of the number, whatever that box is labelled.
    if (mentionsAreaCode(prev.descriptor) && !mentionsAreaCode(c.descriptor)) return demote(c, 'phone-part');
    if (!isPhonePart(c) || !isPhonePart(prev)) return c;
    return ownLabel(c) === '' || ownLabel(c) === ownLabel(prev) ? demote(c, 'phone-part') : c;
  });
}

/** A new label ('Night phone' after 'Day phone') starts a new number. */
function ownLabel(c: ClassifiedField): string {
  return c.descriptor.labels.label || c.descriptor.labels.nearby;
}

/** The selectors of a split phone number starting at `first` (one selector when the number is whole). */
export function phonePartsOf(fields: readonly ClassifiedField[], first: ClassifiedField): string[] {
  const start = fields.indexOf(first);
  if (start < 0 || !(isPhonePart(first) || mentionsAreaCode(first.descriptor))) return [first.descriptor.selector];
  const parts = [first.descriptor.selector];
  for (let i = start + 1; i < fields.length; i++) {
    const c = fields[i];
    if (!isFillable(c.descriptor)) continue;
    if (c.classification.rule !== 'phone-part' || !sameForm(first, c)) break;
    parts.push(c.descriptor.selector);
  }
  return parts;
}

function isPhonePart(c: ClassifiedField): boolean {
  const max = c.descriptor.maxLength;
  return max > 0 && max <= MAX_PHONE_PART_LENGTH;
}

function isFillable(d: FieldDescriptor): boolean {
  return d.visible && !d.readOnly && !d.disabled;
}

function previousFillable(fields: readonly ClassifiedField[], index: number): ClassifiedField | null {
  for (let i = index - 1; i >= 0; i--) if (isFillable(fields[i].descriptor)) return fields[i];
  return null;
}

function sameForm(a: ClassifiedField, b: ClassifiedField): boolean {
  return a.descriptor.formIndex === b.descriptor.formIndex;
}

/** A single street line cannot be poured into separate street-name and house-number boxes. */
function dropSplitAddresses(fields: readonly ClassifiedField[]): ClassifiedField[] {
  const splitForms = new Set(fields.filter((c) => c.classification.rule === 'house-number').map((c) => c.descriptor.formIndex));
  return fields.map((c) =>
    c.classification.field === 'address' && splitForms.has(c.descriptor.formIndex) ? demote(c, 'split-address') : c,
  );
}

function dropSmallForms(fields: readonly ClassifiedField[]): ClassifiedField[] {
  const perForm = new Map<number, Set<string>>();
  for (const c of fields) {
    const field = c.classification.field;
    if (field === null || field === 'terms') continue;
    const set = perForm.get(c.descriptor.formIndex) ?? new Set<string>();
    perForm.set(c.descriptor.formIndex, set.add(field));
  }
  return fields.map((c) =>
    c.classification.field !== null && (perForm.get(c.descriptor.formIndex)?.size ?? 0) < MIN_FIELDS_PER_FORM ? demote(c, 'small-form') : c,
  );
}
