import type { FieldDescriptor } from './field-descriptor';
import {
  BARE_NAME_RULE,
  CHECKBOX_NEGATIVE_PATTERNS,
  FIELDS_BY_CONTROL,
  HONEYPOT_PATTERN,
  NEGATIVE_PATTERNS,
  PAYMENT_SECTION_PATTERN,
  POSITIVE_PATTERNS,
  TERMS_PATTERNS,
  normalizeText,
  type DetectedField,
  type FieldPattern,
} from './field-patterns';

export type ClassificationSource =
  | 'autocomplete'
  | 'label'
  | 'aria-labelledby'
  | 'aria-label'
  | 'nearby'
  | 'placeholder'
  | 'title'
  | 'name'
  | 'id'
  | 'type'
  | 'hidden'
  | 'disabled'
  | 'form'
  | 'none';

export interface FieldClassification {
  readonly field: DetectedField | null;
  /** 0..1: how much the source is trusted (an autocomplete token over a label over a name). */
  readonly confidence: number;
  readonly source: ClassificationSource;
  /** The pattern or token that decided, for explaining a detection. */
  readonly rule: string;
}

type TextSource = Exclude<ClassificationSource, 'autocomplete' | 'type' | 'hidden' | 'disabled' | 'form' | 'none'>;

const SOURCE_CONFIDENCE: Readonly<Record<TextSource, number>> = {
  label: 0.9,
  'aria-labelledby': 0.88,
  'aria-label': 0.85,
  nearby: 0.75,
  placeholder: 0.7,
  title: 0.6,
  name: 0.65,
  id: 0.6,
};

const AUTOCOMPLETE_FIELDS: Readonly<Record<string, DetectedField | null>> = {
  organization: 'businessName',
  email: 'email',
  tel: 'phone',
  'tel-national': 'phone',
  'tel-area-code': 'phone',
  url: 'website',
  'street-address': 'address',
  'address-line1': 'address',
  'address-level2': 'city',
  'address-level1': 'state',
  'postal-code': 'zip',
  country: 'country',
  'country-name': 'country',
  name: 'contactName',
  'given-name': 'contactFirstName',
  'family-name': 'contactLastName',
  'address-line2': 'address2',
  'address-line3': null,
  'address-level3': null,
  'additional-name': null,
  'tel-country-code': null,
  'tel-local': null,
  'tel-local-prefix': null,
  'tel-local-suffix': null,
  'tel-extension': null,
  username: null,
  'current-password': null,
  'new-password': null,
  'one-time-code': null,
  'organization-title': null,
  'honorific-prefix': null,
  'honorific-suffix': null,
  nickname: null,
  bday: null,
  sex: null,
  'cc-name': null,
  'cc-given-name': null,
  'cc-family-name': null,
  'cc-number': null,
  'cc-exp': null,
  'cc-exp-month': null,
  'cc-exp-year': null,
  'cc-csc': null,
  'cc-type': null,
  'transaction-amount': null,
  'transaction-currency': null,
};

/** Options such as '+49' or 'DE (+49)': a telephone country code, whatever the select is named. */
const DIAL_CODE_OPTION = /^\D{0,40}\+\s?\d{1,4}\)?$|^\+?\d{1,4}$/;

const LOGO_PATTERN = /logo|image|photo|picture|\bbild|foto|imagen|immagine/;
const result = (field: DetectedField | null, confidence: number, source: ClassificationSource, rule: string): FieldClassification => ({
  field,
  confidence,
  source,
  rule,
});

/** What one control is, from its own features only (form context is applied by classifyFields). */
export function classifyField(d: FieldDescriptor): FieldClassification {
  if (!d.visible) return result(null, 1, 'hidden', d.hiddenReason ?? 'hidden');
  if (HONEYPOT_PATTERN.test(normalizeText(`${d.className} ${d.name} ${d.id}`))) return result(null, 1, 'hidden', 'honeypot');
  if (d.readOnly || d.disabled) return result(null, 1, 'disabled', d.readOnly ? 'readonly' : 'disabled');
  if (d.type === 'password' || d.type === 'search') return result(null, 1, 'type', d.type);
  if (d.type !== 'checkbox' && PAYMENT_SECTION_PATTERN.test(normalizeText(d.labels.legend)))
    return result(null, 0.9, 'form', 'payment-section');
  if (d.type === 'radio') return result(null, 1, 'type', 'radio');
  if (d.type === 'checkbox') return classifyCheckbox(d);
  if (d.type === 'file') return classifyFile(d);
  const byAutocomplete = fromAutocomplete(d.autocomplete);
  if (byAutocomplete) return byAutocomplete;
  if (d.tag === 'select' && isDialCodeList(d.options)) return result(null, 0.9, 'type', 'dial-code');
  const allowed = FIELDS_BY_CONTROL[d.tag === 'input' ? 'text' : d.tag];
  const positives = POSITIVE_PATTERNS.filter((p) => p.field !== null && allowed.has(p.field));
  const negatives = negativesFor(d);
  const sources = textSources(d);
  for (const [i, [source, text]] of sources.entries()) {
    const hit = matchText(text, negatives) ?? matchText(text, positives);
    if (hit?.field === 'contactName')
      return nameHalf(sources.slice(i + 1), positives) ?? result(hit.field, SOURCE_CONFIDENCE[source], source, hit.rule);
    if (hit) return result(hit.field, SOURCE_CONFIDENCE[source], source, hit.rule);
  }
  return fromInputType(d);
}

/** 'Name' over two boxes whose placeholders say 'First'/'Last' ('お名前' [姓] [名]): the box's own half wins. */
function nameHalf(rest: ReadonlyArray<readonly [TextSource, string]>, positives: readonly FieldPattern[]): FieldClassification | null {
  for (const [source, text] of rest) {
    const hit = matchText(text, positives);
    if (hit?.field === 'contactFirstName' || hit?.field === 'contactLastName')
      return result(hit.field, SOURCE_CONFIDENCE[source], source, hit.rule);
  }
  return null;
}

/** Any cue of the box says it holds the area code, even when its label only says 'Phone'. */
export function mentionsAreaCode(d: FieldDescriptor): boolean {
  const areaCode = POSITIVE_PATTERNS.find((p) => p.rule === 'area-code');
  return areaCode !== undefined && textSources(d).some(([, text]) => areaCode.pattern.test(text));
}

/** Most options read like '+33': a dialling-code picker beside a phone box. */
function isDialCodeList(options: readonly string[]): boolean {
  const real = options.filter((o) => o.trim() !== '');
  return real.length >= 2 && real.filter((o) => DIAL_CODE_OPTION.test(o.trim())).length / real.length >= 0.6;
}

/**
 * A select named like 'CountryCode' that lists countries (not dialling codes) is the country:
 * its name says "country code" because ISO codes are its values.
 */
function negativesFor(d: FieldDescriptor): readonly FieldPattern[] {
  return d.tag === 'select' ? NEGATIVE_PATTERNS.filter((p) => p.rule !== 'phone-country-code') : NEGATIVE_PATTERNS;
}

/** Text cues in the order they are trusted; a source that matches any pattern decides. */
export function textSources(d: FieldDescriptor): ReadonlyArray<readonly [TextSource, string]> {
  const l = d.labels;
  const sources: Array<readonly [TextSource, string]> = [
    ['label', l.label],
    ['aria-labelledby', l.ariaLabelledBy],
    ['aria-label', l.ariaLabel],
    ['nearby', l.nearby],
    ['placeholder', l.placeholder || selectPrompt(d)],
    ['title', l.title],
    ['name', d.name],
    ['id', d.id],
  ];
  const legend = normalizeText(l.legend);
  return sources.map(([source, text]) => [source, withContext(normalizeText(text), legend)] as const).filter(([, text]) => text !== '');
}

/** The control's own first words (its fieldset aside) say only "name": which name depends on its neighbours. */
export function isBareName(d: FieldDescriptor): boolean {
  const bare = POSITIVE_PATTERNS.find((p) => p.rule === BARE_NAME_RULE);
  const own = [d.labels.label, d.labels.ariaLabelledBy, d.labels.ariaLabel, d.labels.nearby, d.labels.placeholder]
    .map(normalizeText)
    .find((text) => text !== '');
  return bare !== undefined && own !== undefined && bare.pattern.test(own);
}

/** A select's first option often names it ('Province', '-- Country --') when nothing else does. */
function selectPrompt(d: FieldDescriptor): string {
  return d.tag === 'select' ? (d.options[0] ?? '') : '';
}

/** A bare "Name" means whatever its fieldset is about: "Company" → company name, "Contact" → contact name. */
function withContext(text: string, legend: string): string {
  return text === 'name' && legend !== '' ? `${legend} ${text}` : text;
}

function matchText(text: string, patterns: readonly FieldPattern[]): FieldPattern | null {
  return patterns.find((p) => p.pattern.test(text)) ?? null;
}

function fromAutocomplete(autocomplete: string): FieldClassification | null {
  const tokens = autocomplete
    .split(/\s+/)
    .filter((t) => !/^(section-|shipping$|billing$|home$|work$|mobile$|fax$|pager$|webauthn$)/.test(t));
  const token = tokens[tokens.length - 1] ?? '';
  if (autocomplete.split(/\s+/).includes('fax')) return result(null, 0.95, 'autocomplete', 'fax');
  if (!(token in AUTOCOMPLETE_FIELDS)) return null;
  return result(AUTOCOMPLETE_FIELDS[token] ?? null, 0.95, 'autocomplete', token);
}

function classifyCheckbox(d: FieldDescriptor): FieldClassification {
  for (const [source, text] of textSources(d)) {
    const hit = matchText(text, CHECKBOX_NEGATIVE_PATTERNS) ?? matchText(text, TERMS_PATTERNS);
    if (hit) return result(hit.field, SOURCE_CONFIDENCE[source], source, hit.rule);
  }
  return result(null, 0.5, 'none', 'checkbox');
}

function classifyFile(d: FieldDescriptor): FieldClassification {
  const hit = textSources(d).find(([, text]) => LOGO_PATTERN.test(text));
  return hit ? result('logo', SOURCE_CONFIDENCE[hit[0]], hit[0], 'logo') : result(null, 0.5, 'none', 'file');
}

function fromInputType(d: FieldDescriptor): FieldClassification {
  const byType: Readonly<Record<string, DetectedField>> = { email: 'email', tel: 'phone', url: 'website' };
  const field = byType[d.type];
  return field ? result(field, 0.55, 'type', d.type) : result(null, 0, 'none', 'no match');
}
