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
  'businessName', 'contactName', 'email', 'phone', 'website', 'address', 'city', 'state', 'zip',
  'country', 'category', 'description', 'logo',
]);

export function isListingField(key: string): key is ListingField {
  return LISTING_FIELDS.has(key);
}

/** Pure: what to put where, from a scan of the page and the business. */
export function planFill(scan: FormScan, business: BusinessSnapshot): FillPlan {
  const actions: FillAction[] = [];
  const fileKeys: string[] = [];
  const mappingUsed: Partial<Record<ListingField, readonly string[]>> = {};
  const splitName = scan.firstName && scan.lastName && Boolean(business.contactName);
  for (const control of scan.controls) {
    if (!isListingField(control.key)) continue;
    const action = actionFor(control, control.key, business, splitName);
    if (action === 'file') fileKeys.push(control.key);
    else if (action) actions.push(action);
    if (action) mappingUsed[control.key] = [control.selector];
  }
  actions.push(...extraActions(scan, business, splitName));
  return { actions, fileKeys, mappingUsed };
}

function actionFor(control: ScannedControl, field: ListingField, business: BusinessSnapshot, splitName: boolean): FillAction | 'file' | null {
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
