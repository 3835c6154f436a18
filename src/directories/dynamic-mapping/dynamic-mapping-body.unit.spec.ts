import { InvalidDirectoryEntriesError } from '../directory-entries.validation';
import { parseDynamicMappingBody } from './dynamic-mapping-body';

const entry = {
  id: 'hotfrog',
  name: 'Hotfrog',
  url: 'https://hotfrog.test',
  submissionUrl: 'https://hotfrog.test/add',
  formMapping: { email: ['#e'] },
};

function refusal(body: unknown): readonly string[] {
  try {
    parseDynamicMappingBody(body);
  } catch (error) {
    if (error instanceof InvalidDirectoryEntriesError) return error.problems;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseDynamicMappingBody', () => {
  it('takes one entry, a bare array or { directories }', () => {
    expect(parseDynamicMappingBody(entry)).toMatchObject({ kind: 'import', entries: [{ id: 'hotfrog', domain: 'hotfrog.test' }] });
    expect(parseDynamicMappingBody([entry])).toMatchObject({ kind: 'import', entries: [{ id: 'hotfrog' }] });
    expect(parseDynamicMappingBody({ directories: [entry] })).toMatchObject({ kind: 'import', entries: [{ id: 'hotfrog' }] });
  });

  it('takes { directoryId, formMapping }, null clearing the curated mapping', () => {
    expect(parseDynamicMappingBody({ directoryId: 'hotfrog', formMapping: { phone: ['#p'] } })).toEqual({
      kind: 'set_mapping',
      directoryId: 'hotfrog',
      formMapping: { phone: ['#p'] },
    });
    expect(parseDynamicMappingBody({ directoryId: 'hotfrog', formMapping: null })).toEqual({
      kind: 'set_mapping',
      directoryId: 'hotfrog',
      formMapping: null,
    });
  });

  it('names what is wrong in each shape', () => {
    expect(refusal({ ...entry, url: 'file:///etc' })).toEqual([
      'body ("hotfrog").url: must be an http:// or https:// URL (at most 2000 characters)',
    ]);
    expect(refusal({ directories: [entry], extra: 1 })).toEqual(['with "directories", send no other field']);
    expect(refusal({ directoryId: '../x', name: 'n' })).toEqual([
      'with "directoryId", send only "formMapping" (unexpected: "name")',
      'directoryId: must be a directory id: 1 to 100 letters, digits or . _ : -',
      'formMapping: required (null clears the curated mapping)',
    ]);
    expect(refusal({ directoryId: 'hotfrog', formMapping: { fax: ['#f'] } })).toEqual([
      expect.stringMatching(/^formMapping: unknown field "fax"/),
    ]);
    expect(refusal('text')).toEqual([expect.stringMatching(/^the body must be one directory/)]);
  });
});
