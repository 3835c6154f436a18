import type { BusinessSnapshot } from '../../jobs/job.events';
import type { FormMapping, ListingField } from '../submitter.port';
import type { FillAction } from './form-fill.browser';
import { matchOption } from './option-matcher';
import type { FormScan, ScannedControl } from './page-scan.browser';

export interface FillPlan {
  readonly actions: readonly FillAction[];
  /** Tag keys of file inputs that get the logo. */
  readonly fileKeys: readonly string[];
  readonly mappingUsed: FormMapping;
}

const LISTING_FIELDS: ReadonlySet<string> = new Set<ListingField>([
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

export function isListingField(key: string): key is ListingField {
  return LISTING_FIELDS.has(key);
}

/** A phone box this short holds part of a number (as field detection decides). */
const MAX_PHONE_PART_LENGTH = 4;
/** Area codes run to five digits with their trunk prefix ('Vorwahl' 03391): a first box up to this long can be one. */
const MAX_AREA_CODE_LENGTH = 5;

/** Tag key of the n-th further box (n ≥ 1) of a split phone number; box 0 is `phone`. */
export const phonePartKey = (n: number): string => `phonePart${n}`;

/** Pure: what to put where, from a scan of the page and the business. */
export function planFill(scan: FormScan, business: BusinessSnapshot): FillPlan {
  const actions: FillAction[] = [];
  const fileKeys: string[] = [];
  const mappingUsed: Partial<Record<ListingField, readonly string[]>> = {};
  const splitName = scan.firstName && scan.lastName && Boolean(business.contactName);
  const phoneSplit = splitPhoneActions(scan, business.phone);
  for (const control of scan.controls) {
    if (!isListingField(control.key)) continue;
    const action = control.key === 'phone' && phoneSplit ? phoneSplit[0] : actionFor(control, control.key, business, splitName);
    if (action === 'file') fileKeys.push(control.key);
    else if (action) actions.push(action);
    if (action) mappingUsed[control.key] = [control.selector];
  }
  actions.push(...(phoneSplit?.slice(1) ?? []), ...extraActions(scan, business, splitName));
  return { actions, fileKeys, mappingUsed };
}

/**
 * A number asked in boxes (area code, prefix, line): its last digits poured into them in order,
 * so a leading country code is dropped when the boxes hold fewer digits. A last box without a
 * limit takes the rest after the area code. Null when the phone box is not a short one followed
 * by further boxes (then the whole number goes into it).
 */
function splitPhoneActions(scan: FormScan, phone: string): FillAction[] | null {
  const first = scan.controls.find((c) => c.key === 'phone');
  if (!first || first.maxLength < 1 || first.maxLength > MAX_AREA_CODE_LENGTH) return null;
  const boxes = [first];
  for (let n = 1; ; n++) {
    const next = scan.controls.find((c) => c.key === phonePartKey(n));
    if (!next) break;
    boxes.push(next);
    if (next.maxLength < 1) break;
  }
  const openEnd = boxes[boxes.length - 1].maxLength < 1;
  if (boxes.length < 2 || (!openEnd && first.maxLength > MAX_PHONE_PART_LENGTH)) return null;
  const sizes = boxes.map((box) => box.maxLength);
  const chunks = openEnd ? splitOpenEnded(phone, sizes) : splitDigits(phone, sizes);
  return boxes.map((box, i) => ({ key: box.key, kind: 'text', value: chunks[i] }));
}

/**
 * Boxes whose last one has no limit: the number's own groups ('+49 30 1234567' → 30 | 1234567,
 * the '+49' country code dropped) when they fit the boxes, else digits from the left.
 */
export function splitOpenEnded(phone: string, sizes: readonly number[]): string[] {
  const groups = phone
    .replace(/^\s*\+\s*\d{1,3}(?=\D)/, '')
    .split(/\D+/)
    .filter(Boolean);
  const fixed = sizes.slice(0, -1);
  if (groups.length > fixed.length && fixed.every((size, i) => groups[i].length <= size)) {
    return [...groups.slice(0, fixed.length), groups.slice(fixed.length).join('')];
  }
  let digits = groups.join('');
  const chunks = fixed.map((size) => {
    const chunk = digits.slice(0, size);
    digits = digits.slice(size);
    return chunk;
  });
  return [...chunks, digits];
}

export function splitDigits(phone: string, sizes: readonly number[]): string[] {
  const capacity = sizes.reduce((sum, size) => sum + size, 0);
  let digits = phone.replace(/\D/g, '').slice(-capacity);
  return sizes.map((size) => {
    const chunk = digits.slice(0, size);
    digits = digits.slice(size);
    return chunk;
  });
}

function actionFor(
  control: ScannedControl,
  field: ListingField,
  business: BusinessSnapshot,
  splitName: boolean,
): FillAction | 'file' | null {
  if (field === 'logo') return control.type === 'file' ? 'file' : null;
  if (['checkbox', 'radio', 'file'].includes(control.type)) return null;
  if (field === 'contactName' && splitName) return null;
  const value = valueFor(field, business, control.type);
  if (!value) return null;
  if (control.tag !== 'select') return { key: control.key, kind: 'text', value };
  const option = matchOption(control.options, value, field);
  return option === null ? null : { key: control.key, kind: 'select', value: option };
}

function extraActions(scan: FormScan, business: BusinessSnapshot, splitName: boolean): FillAction[] {
  const actions: FillAction[] = [];
  if (splitName && business.contactName) {
    const [first, last] = splitContactName(business.contactName);
    actions.push({ key: 'first', kind: 'text', value: first });
    if (last) actions.push({ key: 'last', kind: 'text', value: last });
  }
  if (scan.confirmEmail) actions.push({ key: 'confirmEmail', kind: 'text', value: business.email });
  if (scan.terms > 0) actions.push({ key: 'terms', kind: 'click', value: '' });
  return actions;
}

export function splitContactName(name: string): [string, string] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return [parts[0] ?? '', parts.slice(1).join(' ')];
}

function valueFor(field: Exclude<ListingField, 'logo'>, business: BusinessSnapshot, type: string): string {
  const value = (business[field] ?? '').trim();
  if (field === 'website' && value && type === 'url' && !/^https?:\/\//i.test(value)) return `https://${value}`;
  return value;
}
