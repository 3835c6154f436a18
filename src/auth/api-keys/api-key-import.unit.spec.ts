import { InvalidImportedKeysError, parseImportedKeys } from './api-key-import';

const A = 'legacy-key-a-0123456789abcdef';
const B = 'legacy-key-b-0123456789abcdef';

describe('parseImportedKeys', () => {
  it('reads one key a line or comma-separated (as AUTOBOLT_API_KEYS had them), trimmed, each once', () => {
    expect(parseImportedKeys(`${A}\n\n ${B} \r\n${A}\n`)).toEqual([A, B]);
    expect(parseImportedKeys(`${A},${B}\n`)).toEqual([A, B]);
  });

  it('refuses the whole input when one key is unfit, naming it by position only', () => {
    let caught: unknown;
    try {
      parseImportedKeys(`${A}\nshort-secret`);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidImportedKeysError);
    expect((caught as Error).message).toMatch(/^nothing imported: key 2 must be at least 24/);
    expect((caught as Error).message).not.toContain('short-secret');
    expect(() => parseImportedKeys('\n \n')).toThrow(/no keys in the input/);
  });
});
