import { InvalidDirectoryEntriesError, parseDirectoryEntries, type DirectoryEntry } from './directory-entries.validation';
import { parseFormMapping } from './form-mapping.validation';

const seedEntry = {
  id: 'yelp',
  name: 'Yelp',
  url: 'https://www.yelp.com',
  submissionUrl: 'https://biz.Yelp.com/signup?x=1',
  domainAuthority: 93,
  category: 'reviews',
  difficulty: 'hard',
  requiresLogin: true,
  hasCaptcha: false,
  formMapping: { businessName: ['#biz_name', 'input[name="business"]'], email: ['#email'], zip: [' input[name=zip] '] },
};

function problemsOf(input: unknown): string[] {
  try {
    parseDirectoryEntries(input);
  } catch (error) {
    if (error instanceof InvalidDirectoryEntriesError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the entries to be refused');
}

describe('parseDirectoryEntries', () => {
  it('reads a seed entry; domain from the submission URL; defaults for what is left out', () => {
    const minimal = { id: 'min.dir', name: 'Minimal', url: 'http://min.test', submissionUrl: 'http://add.min.test/new' };
    const [full, small] = parseDirectoryEntries([seedEntry, minimal]);
    expect(full).toEqual<DirectoryEntry>({
      id: 'yelp',
      name: 'Yelp',
      url: 'https://www.yelp.com',
      submissionUrl: 'https://biz.Yelp.com/signup?x=1',
      domain: 'biz.yelp.com',
      domainAuthority: 93,
      category: 'reviews',
      difficulty: 'hard',
      requiresLogin: true,
      hasCaptcha: false,
      formMapping: { businessName: ['#biz_name', 'input[name="business"]'], email: ['#email'], zip: ['input[name=zip]'] },
    });
    expect(small).toMatchObject({
      domain: 'add.min.test',
      domainAuthority: null,
      category: 'general',
      difficulty: 'medium',
      requiresLogin: false,
      hasCaptcha: false,
      formMapping: null,
    });
  });

  it('takes { directories: [...] } as well as a bare array', () => {
    expect(parseDirectoryEntries({ directories: [seedEntry] })).toHaveLength(1);
  });

  it('names the entry (index and id) and the field of each problem', () => {
    const problems = problemsOf([
      seedEntry,
      { ...seedEntry, id: 'bad-url', submissionUrl: 'javascript:alert(1)', url: 'ftp://x.test' },
      { ...seedEntry, id: 'bad-kinds', difficulty: 'extreme', domainAuthority: 101, hasCaptcha: 'no', name: ' ' },
      { ...seedEntry, id: 'bad id!' },
    ]);
    expect(problems).toEqual([
      'directories[1] ("bad-url").url: must be an http:// or https:// URL (at most 2000 characters)',
      'directories[1] ("bad-url").submissionUrl: must be an http:// or https:// URL (at most 2000 characters)',
      'directories[2] ("bad-kinds").name: must be a non-empty string of at most 200 characters',
      'directories[2] ("bad-kinds").domainAuthority: must be a whole number from 0 to 100',
      'directories[2] ("bad-kinds").difficulty: must be one of easy, medium, hard',
      'directories[2] ("bad-kinds").hasCaptcha: must be true or false',
      'directories[3].id: must be 1 to 100 letters, digits or . _ : - (starting with a letter or digit)',
    ]);
  });

  it('checks selectors: non-empty strings, at most 500 characters, 1 to 10 per field, known fields only', () => {
    const mapping = {
      email: [],
      phone: Array.from({ length: 11 }, (_, i) => `#p${i}`),
      city: ['#ok', '  '],
      state: ['x'.repeat(501)],
      zip: '#zip',
      fax: ['#fax'],
      logo: ['input[type=file]'],
    };
    const problems = problemsOf([{ ...seedEntry, formMapping: mapping }]);
    const where = 'directories[0] ("yelp").formMapping';
    expect(problems).toEqual([
      `${where}.email: must be a list of 1 to 10 CSS selectors`,
      `${where}.phone: must be a list of 1 to 10 CSS selectors`,
      `${where}.city[1]: a selector must be a non-empty string of at most 500 characters`,
      `${where}.state[0]: a selector must be a non-empty string of at most 500 characters`,
      `${where}.zip: must be a list of 1 to 10 CSS selectors`,
      expect.stringMatching(new RegExp(`^${escape(where)}: unknown field "fax" \\(known: businessName, contactName, email`)),
    ]);
  });

  it('refuses unknown entry fields, duplicate ids, non-objects and empty or non-array input', () => {
    expect(problemsOf([{ ...seedEntry, hasCapcha: true }])).toEqual(['directories[0] ("yelp"): unknown field(s) "hasCapcha"']);
    expect(problemsOf([seedEntry, { ...seedEntry, name: 'Again' }])).toEqual(['directories[1] ("yelp"): id "yelp" also at directories[0]']);
    expect(problemsOf([seedEntry, 'yelp'])).toEqual(['directories[1]: must be an object']);
    expect(problemsOf([])).toEqual(['expected 1 to 5000 directories, got 0']);
    expect(problemsOf({ id: 'x' })).toEqual(['expected an array of directories or { "directories": [...] }']);
  });

  it('lists at most 20 problems and says how many more there were', () => {
    const problems = problemsOf(Array.from({ length: 30 }, (_, i) => ({ ...seedEntry, id: `d${i}`, url: 'nope' })));
    expect(problems).toHaveLength(21);
    expect(problems[20]).toBe('… and 10 more');
  });
});

describe('parseFormMapping', () => {
  it('treats null, absent and empty as no curated mapping', () => {
    const problems: string[] = [];
    expect(parseFormMapping(null, 'm', problems)).toBeNull();
    expect(parseFormMapping(undefined, 'm', problems)).toBeNull();
    expect(parseFormMapping({}, 'm', problems)).toBeNull();
    expect(problems).toEqual([]);
    expect(parseFormMapping(['#a'], 'm', problems)).toBeNull();
    expect(problems).toEqual(['m: must be an object of field → [selectors]']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
