import {
  DIRECTORY_ID,
  InvalidDirectoryEntriesError,
  parseDirectoryEntries,
  parseDirectoryEntry,
  type DirectoryEntry,
} from '../directory-entries.validation';
import { isPlainObject, parseFormMapping } from '../form-mapping.validation';
import type { FormMapping } from '../../workers/submitter.port';

export type DynamicMappingRequest =
  | { readonly kind: 'import'; readonly entries: readonly DirectoryEntry[] }
  | { readonly kind: 'set_mapping'; readonly directoryId: string; readonly formMapping: FormMapping | null };

export const DYNAMIC_MAPPING_BODY_SHAPES =
  'one directory in the seed format, { "directories": [...] }, or { "directoryId", "formMapping" }';

/** The three shapes POST /api/autobolt/dynamic-mapping takes; InvalidDirectoryEntriesError names what is wrong. */
export function parseDynamicMappingBody(body: unknown): DynamicMappingRequest {
  if (Array.isArray(body)) return { kind: 'import', entries: parseDirectoryEntries(body) };
  if (!isPlainObject(body)) throw new InvalidDirectoryEntriesError([`the body must be ${DYNAMIC_MAPPING_BODY_SHAPES}`]);
  if ('directories' in body) {
    if (Object.keys(body).length > 1) throw new InvalidDirectoryEntriesError(['with "directories", send no other field']);
    return { kind: 'import', entries: parseDirectoryEntries(body) };
  }
  if ('directoryId' in body) return parseSetMapping(body);
  const problems: string[] = [];
  const entry = parseDirectoryEntry(body, 'body', problems);
  if (!entry) throw new InvalidDirectoryEntriesError(problems);
  return { kind: 'import', entries: [entry] };
}

function parseSetMapping(body: Record<string, unknown>): DynamicMappingRequest {
  const problems: string[] = [];
  const extra = Object.keys(body).filter((key) => key !== 'directoryId' && key !== 'formMapping');
  if (extra.length > 0)
    problems.push(`with "directoryId", send only "formMapping" (unexpected: ${extra.map((k) => `"${k.slice(0, 60)}"`).join(', ')})`);
  const { directoryId } = body;
  if (typeof directoryId !== 'string' || !DIRECTORY_ID.test(directoryId)) {
    problems.push('directoryId: must be a directory id: 1 to 100 letters, digits or . _ : -');
  }
  if (!('formMapping' in body)) problems.push('formMapping: required (null clears the curated mapping)');
  const formMapping = parseFormMapping(body.formMapping, 'formMapping', problems);
  if (problems.length > 0) throw new InvalidDirectoryEntriesError(problems);
  return { kind: 'set_mapping', directoryId: directoryId as string, formMapping };
}
