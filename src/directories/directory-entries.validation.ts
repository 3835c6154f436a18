import type { FormMapping } from '../workers/submitter.port';
import { isPlainObject, parseFormMapping } from './form-mapping.validation';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** One directory of the seed's mapping JSON, checked; `domain` comes from the submission URL. */
export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly submissionUrl: string;
  readonly domain: string;
  readonly domainAuthority: number | null;
  readonly category: string;
  readonly difficulty: Difficulty;
  readonly requiresLogin: boolean;
  readonly hasCaptcha: boolean;
  readonly formMapping: FormMapping | null;
}

/** Every problem found, so one run of a large file names them all (up to a point). */
export class InvalidDirectoryEntriesError extends Error {
  override readonly name = 'InvalidDirectoryEntriesError';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid directory entries: ${problems.join('; ')}`);
  }
}

export const DIRECTORY_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
/** class-validator's message for a field that must match DIRECTORY_ID. */
export const DIRECTORY_ID_MESSAGE = { message: '$property must be a directory id: 1 to 100 letters, digits or . _ : -' };
export const MAX_ENTRIES = 5000;
const MAX_PROBLEMS = 20;
const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const KEYS = new Set([
  'id',
  'name',
  'url',
  'submissionUrl',
  'domainAuthority',
  'category',
  'difficulty',
  'requiresLogin',
  'hasCaptcha',
  'formMapping',
]);

/** The seed's array (or `{ directories: [...] }`); all entries valid or InvalidDirectoryEntriesError. */
export function parseDirectoryEntries(input: unknown): DirectoryEntry[] {
  const list = isPlainObject(input) && Object.keys(input).length === 1 && 'directories' in input ? input.directories : input;
  if (!Array.isArray(list)) throw new InvalidDirectoryEntriesError(['expected an array of directories or { "directories": [...] }']);
  if (list.length === 0 || list.length > MAX_ENTRIES) {
    throw new InvalidDirectoryEntriesError([`expected 1 to ${MAX_ENTRIES} directories, got ${list.length}`]);
  }
  const problems: string[] = [];
  const entries = list.map((item, index) => parseDirectoryEntry(item, `directories[${index}]`, problems));
  problems.push(...duplicateIds(entries));
  if (problems.length > 0) throw new InvalidDirectoryEntriesError(capped(problems));
  return entries as DirectoryEntry[];
}

/** One entry; `where` prefixes its problems (with the id once known). Null when invalid. */
export function parseDirectoryEntry(item: unknown, where: string, problems: string[]): DirectoryEntry | null {
  if (!isPlainObject(item)) {
    problems.push(`${where}: must be an object`);
    return null;
  }
  const label = typeof item.id === 'string' && DIRECTORY_ID.test(item.id) ? `${where} ("${item.id}")` : where;
  const before = problems.length;
  const read = new EntryReader(item, label, problems);
  const unknown = Object.keys(item).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) problems.push(`${label}: unknown field(s) ${unknown.map((k) => `"${k.slice(0, 60)}"`).join(', ')}`);
  const [id, name, url, submissionUrl] = [read.id(), read.text('name', 200, null), read.httpUrl('url'), read.httpUrl('submissionUrl')];
  const entry: DirectoryEntry = {
    id,
    name,
    url,
    submissionUrl,
    domain: submissionUrl ? new URL(submissionUrl).hostname.toLowerCase() : '',
    domainAuthority: read.authority(),
    category: read.text('category', 100, 'general'),
    difficulty: read.difficulty(),
    requiresLogin: read.flag('requiresLogin'),
    hasCaptcha: read.flag('hasCaptcha'),
    formMapping: parseFormMapping(item.formMapping, `${label}.formMapping`, problems),
  };
  return problems.length === before ? entry : null;
}

function duplicateIds(entries: readonly (DirectoryEntry | null)[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    if (!entry) return;
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, index);
    else problems.push(`directories[${index}] ("${entry.id}"): id "${entry.id}" also at directories[${first}]`);
  });
  return problems;
}

export function capped(problems: readonly string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), `… and ${problems.length - MAX_PROBLEMS} more`];
}

/** Field readers for one entry: each records its own problem and returns a placeholder. */
class EntryReader {
  constructor(
    private readonly item: Record<string, unknown>,
    private readonly where: string,
    private readonly problems: string[],
  ) {}

  id(): string {
    const value = this.item.id;
    if (typeof value === 'string' && DIRECTORY_ID.test(value)) return value;
    return this.fail('id', 'must be 1 to 100 letters, digits or . _ : - (starting with a letter or digit)', '');
  }

  text(field: string, max: number, fallback: string | null): string {
    const value = this.item[field];
    if (value === undefined && fallback !== null) return fallback;
    if (typeof value === 'string' && value.trim() !== '' && value.length <= max) return value.trim();
    return this.fail(field, `must be a non-empty string of at most ${max} characters`, '');
  }

  httpUrl(field: string): string {
    const value = this.item[field];
    if (typeof value === 'string' && value.length <= 2000 && isHttpUrl(value)) return value;
    return this.fail(field, 'must be an http:// or https:// URL (at most 2000 characters)', '');
  }

  authority(): number | null {
    const value = this.item.domainAuthority;
    if (value === undefined || value === null) return null;
    if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100) return value as number;
    return this.fail('domainAuthority', 'must be a whole number from 0 to 100', null);
  }

  difficulty(): Difficulty {
    const value = this.item.difficulty;
    if (value === undefined) return 'medium';
    if (DIFFICULTIES.includes(value as Difficulty)) return value as Difficulty;
    return this.fail('difficulty', `must be one of ${DIFFICULTIES.join(', ')}`, 'medium');
  }

  flag(field: string): boolean {
    const value = this.item[field];
    if (value === undefined) return false;
    if (typeof value === 'boolean') return value;
    return this.fail(field, 'must be true or false', false);
  }

  private fail<T>(field: string, rule: string, placeholder: T): T {
    this.problems.push(`${this.where}.${field}: ${rule}`);
    return placeholder;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
  } catch {
    return false;
  }
}
