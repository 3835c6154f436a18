import { isPlainObject, LISTING_FIELDS, MAX_SELECTOR_LENGTH } from '../../directories/form-mapping.validation';
import type { FieldDescriptor } from '../field-detection/field-descriptor';
import type { ListingField } from '../submitter.port';

/** The JSON a worker POSTs (README "Mapping service", docs/requirements.md R-MAPSVC). */
export interface MappingServiceRequest {
  readonly version: 1;
  /** The form page, without query or fragment. */
  readonly url: string;
  /** Listing fields detection could not map with confidence. */
  readonly wanted: readonly ListingField[];
  /** The page's visible fillable controls, as detection read them. */
  readonly fields: readonly FieldDescriptor[];
}

export interface MappingAnswer {
  readonly field: ListingField;
  readonly selector: string;
  readonly confidence: number;
}

export type ParsedAnswer =
  { readonly ok: true; readonly answers: readonly MappingAnswer[] } | { readonly ok: false; readonly problem: string };

/** More than a page's worth of answers is not an answer. */
export const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_DESCRIPTORS = 200;
const MAX_OPTIONS = 50;
const ANSWER_KEYS = new Set(['selector', 'confidence']);
const KNOWN: ReadonlySet<string> = new Set(LISTING_FIELDS);

export function mappingRequest(
  url: string,
  wanted: readonly ListingField[],
  descriptors: readonly FieldDescriptor[],
): MappingServiceRequest {
  const fields = descriptors
    .filter((d) => d.visible && !d.disabled)
    .slice(0, MAX_DESCRIPTORS)
    .map((d) => ({ ...d, options: d.options.slice(0, MAX_OPTIONS) }));
  return { version: 1, url: pageAddress(url), wanted, fields };
}

/**
 * Strict: `{ "fields": { <listing field>: { "selector": string, "confidence": 0..1 } } }` and
 * nothing else. Any deviation rejects the whole answer: a service that sends something unexpected
 * is not one whose selectors should be trusted in part.
 */
export function parseMappingAnswer(body: string): ParsedAnswer {
  if (Buffer.byteLength(body) > MAX_ANSWER_BYTES) return fail(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return fail('answer is not JSON');
  }
  if (!isPlainObject(json)) return fail('answer must be a JSON object');
  const extra = Object.keys(json).filter((key) => key !== 'fields');
  if (extra.length > 0) return fail(`unknown top-level key "${clip(extra[0])}"`);
  if (!isPlainObject(json.fields)) return fail('"fields" must be an object of listing field → { selector, confidence }');
  const answers: MappingAnswer[] = [];
  for (const [field, value] of Object.entries(json.fields)) {
    const parsed = parseOne(field, value);
    if (typeof parsed === 'string') return fail(parsed);
    answers.push(parsed);
  }
  return { ok: true, answers };
}

function parseOne(field: string, value: unknown): MappingAnswer | string {
  if (!KNOWN.has(field)) return `unknown listing field "${clip(field)}"`;
  if (!isPlainObject(value)) return `${field}: must be an object { selector, confidence }`;
  const extra = Object.keys(value).find((key) => !ANSWER_KEYS.has(key));
  if (extra !== undefined) return `${field}: unknown key "${clip(extra)}"`;
  const { selector, confidence } = value;
  if (typeof selector !== 'string' || selector.trim() === '') return `${field}.selector: must be a non-empty string`;
  if (selector.length > MAX_SELECTOR_LENGTH) return `${field}.selector: longer than ${MAX_SELECTOR_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- a control character has no place in a CSS selector we store
  if (/[\u0000-\u001f\u007f]/.test(selector)) return `${field}.selector: contains a control character`;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence) || confidence < 0 || confidence > 1)
    return `${field}.confidence: must be a number from 0 to 1`;
  return { field: field as ListingField, selector, confidence };
}

function pageAddress(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '';
  }
}

const fail = (problem: string): ParsedAnswer => ({ ok: false, problem });
const clip = (text: string): string => text.slice(0, 60);
