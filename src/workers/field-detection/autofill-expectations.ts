import type { FieldDescriptor } from './field-descriptor';
import type { DetectedField } from './field-patterns';

/** What a control should be detected as: a field, 'unknown' (must stay untouched), or 'other' (not counted). */
export type Expectation = Exclude<DetectedField, 'confirmEmail'> | 'unknown' | 'other';

/** One line of a Chromium autofill heuristics `.out` file. */
export interface AutofillLine {
  readonly chromiumType: string;
  /** The control's name, or its id when it has none. */
  readonly key: string;
  readonly label: string;
}

const CHROMIUM_TYPES: Readonly<Record<string, Expectation>> = {
  COMPANY_NAME: 'businessName',
  NAME_FULL: 'contactName',
  NAME_FIRST: 'contactFirstName',
  NAME_LAST: 'contactLastName',
  EMAIL_ADDRESS: 'email',
  ADDRESS_HOME_LINE1: 'address',
  ADDRESS_HOME_LINE2: 'address2',
  ADDRESS_HOME_STREET_ADDRESS: 'address',
  ADDRESS_HOME_CITY: 'city',
  ADDRESS_HOME_STATE: 'state',
  ADDRESS_HOME_ZIP: 'zip',
  ADDRESS_HOME_COUNTRY: 'country',
  UNKNOWN_TYPE: 'unknown',
};

/** Phone types after which a PHONE_HOME_* line continues the same split number. */
const PHONE_CONTINUED_AFTER = new Set([
  'PHONE_HOME_CITY_CODE',
  'PHONE_HOME_CITY_CODE_WITH_TRUNK_PREFIX',
  'PHONE_HOME_NUMBER',
  'PHONE_HOME_NUMBER_PREFIX',
]);

export function parseAutofillOut(text: string): AutofillLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [chromiumType = '', key = '', label = ''] = line.split(' | ');
      return { chromiumType: chromiumType.trim(), key, label };
    });
}

/**
 * Chromium type → our expectation. Phone: only a whole number or the first box of a split one
 * counts; country codes, extensions and later boxes are 'other'.
 */
export function expectationOf(chromiumType: string, previousType: string | null): Expectation {
  if (chromiumType.startsWith('PHONE_HOME_')) {
    if (chromiumType === 'PHONE_HOME_CITY_CODE' || chromiumType === 'PHONE_HOME_CITY_CODE_WITH_TRUNK_PREFIX') return 'phone';
    if (chromiumType === 'PHONE_HOME_COUNTRY_CODE' || chromiumType === 'PHONE_HOME_EXTENSION') return 'other';
    return previousType !== null && PHONE_CONTINUED_AFTER.has(previousType) ? 'other' : 'phone';
  }
  return CHROMIUM_TYPES[chromiumType] ?? 'other';
}

/** Expectation per descriptor: the k-th line with a key ↔ the k-th control with that name (or id). */
export function alignExpectations(descriptors: readonly FieldDescriptor[], lines: readonly AutofillLine[]): Expectation[] {
  const byKey = new Map<string, Expectation[]>();
  lines.forEach((line, i) => {
    const expectation = expectationOf(line.chromiumType, i > 0 ? lines[i - 1].chromiumType : null);
    byKey.set(line.key, [...(byKey.get(line.key) ?? []), expectation]);
  });
  const seen = new Map<string, number>();
  return descriptors.map((d) => {
    const key = d.name || d.id;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return byKey.get(key)?.[k] ?? 'other';
  });
}
