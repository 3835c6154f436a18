import type { ListingField } from '../submitter.port';
import { stateSpellings } from './us-states';

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

const COUNTRY_ALIASES: readonly (readonly string[])[] = [
  ['us', 'usa', 'united states', 'united states of america', 'u.s.', 'u.s.a.', 'america'],
  ['gb', 'uk', 'united kingdom', 'great britain', 'england'],
  ['ca', 'can', 'canada'],
  ['au', 'aus', 'australia'],
  ['de', 'deu', 'germany', 'deutschland'],
  ['fr', 'fra', 'france'],
  ['ie', 'irl', 'ireland'],
  ['nz', 'nzl', 'new zealand'],
];
const PLACEHOLDER = /^(-+|select|choose|please (select|choose)|--.*|\s*)$|^(select|choose) (a|an|one|your)\b/i;
const CATCH_ALL = /^(other|others|miscellaneous|misc|general|other services)$/i;

/** The option value to select for `wanted`, or null when no option fits. Case-insensitive. */
export function matchOption(options: readonly SelectOption[], wanted: string, field: ListingField): string | null {
  const real = options.filter((option) => !isPlaceholder(option));
  const spellings = new Set([wanted, ...aliases(wanted, field)].map(norm).filter(Boolean));
  const exact = real.find((option) => spellings.has(norm(option.value)) || spellings.has(norm(option.label)));
  if (exact) return exact.value;
  if (field !== 'category') return null;
  return bestCategory(real, wanted)?.value ?? real.find((option) => CATCH_ALL.test(option.label.trim()))?.value ?? null;
}

function aliases(wanted: string, field: ListingField): string[] {
  if (field === 'state') return stateSpellings(wanted);
  if (field === 'country') return [...(COUNTRY_ALIASES.find((group) => group.includes(norm(wanted))) ?? [])];
  return [];
}

/** Word overlap, with containment ("Plumbing" in "Plumbing & Heating") counting most. */
function bestCategory(options: readonly SelectOption[], wanted: string): SelectOption | null {
  const target = words(wanted);
  let best: { option: SelectOption; score: number } | null = null;
  for (const option of options) {
    const label = words(option.label).join(' ');
    const contained = label && (hasPhrase(label, target.join(' ')) || hasPhrase(target.join(' '), label)) ? 2 : 0;
    const overlap = words(option.label).filter((word) => target.some((t) => sameStem(t, word))).length;
    const score = contained + overlap / Math.max(1, words(option.label).length);
    if (score > 0 && (!best || score > best.score)) best = { option, score };
  }
  return best?.option ?? null;
}

function hasPhrase(text: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${text} `.includes(` ${phrase} `);
}

function sameStem(a: string, b: string): boolean {
  const stem = (word: string): string => word.replace(/(ies|es|s|ing|ers|er)$/, '');
  return a === b || (a.length > 3 && b.length > 3 && stem(a) === stem(b));
}

function words(text: string): string[] {
  return norm(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 2 && !['and', 'the', 'for'].includes(word));
}

function isPlaceholder(option: SelectOption): boolean {
  return option.value.trim() === '' || PLACEHOLDER.test(option.label.trim());
}

function norm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
