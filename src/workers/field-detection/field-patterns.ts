import type { ListingField } from '../submitter.port';

/** What a control can be detected as: a listing field, a part of one, or a box to tick. */
export type DetectedField = ListingField | 'contactFirstName' | 'contactLastName' | 'confirmEmail' | 'terms';

/** One rule: a pattern over normalised text and the field it means (null: leave the control alone). */
export interface FieldPattern {
  readonly rule: string;
  readonly field: DetectedField | null;
  readonly pattern: RegExp;
}

/** Letters that carry no combining mark to strip but are read as their plain Latin form. */
const PLAIN_LETTERS: Readonly<Record<string, string>> = { đ: 'd', ł: 'l', ı: 'i', ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe' };

/**
 * Lowercase, Latin accents stripped (so 'Città', 'İl' and 'Địa chỉ' match 'citta', 'il' and
 * 'dia chi'), camelCase and punctuation split into words: 'addrsForm[0].firstName' → 'addrs form 0
 * first name'. Only Latin combining accents go: Devanagari vowel signs, Japanese voicing marks and
 * Hangul syllables are kept whole (NFC afterwards recomposes what NFD split).
 */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[đłıßøæœ]/g, (c) => PLAIN_LETTERS[c] ?? c)
    .replace(/[_\-.:*()[\]/\\,;|#"'’?!（）［］【】「」『』《》・、。：；／＊？！،]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const rule = (name: string, field: DetectedField | null, pattern: RegExp): FieldPattern => ({ rule: name, field, pattern });

export { HONEYPOT_PATTERN, NEGATIVE_PATTERNS, PAYMENT_SECTION_PATTERN } from './negative-patterns';
export { BARE_NAME_RULE, POSITIVE_PATTERNS } from './positive-patterns';

/** Checked only on checkboxes: boxes that must stay as they are. */
export const CHECKBOX_NEGATIVE_PATTERNS: readonly FieldPattern[] = [
  rule(
    'newsletter',
    null,
    /newsletter|subscribe|abonn|\boffers?\b|promotion|promoc|novidades|novedades|boletin|nieuwsbrief|lettre d information|infolettre|kampanya|haberdar|рассылк|розсилк|send me|\bemails\b|marketing|werbung|メルマガ|订阅|뉴스레터|النشرة|न्यूज़लेटर/,
  ),
  rule('preference', null, /remember|same as|default|keep me|stay signed|business address|cell phone/),
];

export const TERMS_PATTERNS: readonly FieldPattern[] = [
  rule(
    'terms',
    'terms',
    /\bagree|accept|terms|conditions|\btos\b|privac|policy|politica|datenschutz|\bagb\b|akzeptier|einverstanden|acepto|aceito|terminos|termos|condizioni|accetto|acconsent|trattamento dei dati|akkoord|voorwaarden|akceptuj|regulamin|zgod|соглас|погоджу|умов|kabul|sozlesme|setuju|syarat|dong y|dieu khoan|規約|同意|协议|동의|약관|أوافق|الشروط|शर्त|स्वीकार|consent/,
  ),
];

/** Which detected fields a control of each kind can hold. */
export const FIELDS_BY_CONTROL: Readonly<Record<'text' | 'select' | 'textarea', ReadonlySet<DetectedField>>> = {
  text: new Set<DetectedField>([
    'businessName',
    'contactName',
    'contactFirstName',
    'contactLastName',
    'email',
    'confirmEmail',
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
  ]),
  select: new Set<DetectedField>(['state', 'country', 'city', 'category']),
  textarea: new Set<DetectedField>(['address', 'description']),
};
