import { inlineParameters } from './read-batch';

describe('inlineParameters', () => {
  it('replaces placeholders with quoted literals, escaping quotes', () => {
    expect(inlineParameters('SELECT * FROM t WHERE a = $1 AND b > $2', ["o'k", 5])).toBe("SELECT * FROM t WHERE a = 'o''k' AND b > '5'");
    expect(inlineParameters('SELECT $1::timestamptz, $2, $3', [new Date('2026-01-01T00:00:00Z'), null, false])).toBe(
      "SELECT '2026-01-01T00:00:00.000Z'::timestamptz, NULL, 'false'",
    );
  });

  it('leaves placeholders inside quoted text and comments alone, and drops a trailing semicolon', () => {
    expect(inlineParameters(`SELECT '$1', "$1" -- $1\nFROM t WHERE x = $1;`, [7])).toBe(`SELECT '$1', "$1" -- $1\nFROM t WHERE x = '7'`);
  });

  it('refuses what it cannot inline safely', () => {
    expect(inlineParameters('SELECT $1', [[1, 2]])).toBeNull(); // an array
    expect(inlineParameters('SELECT $1', [{ a: 1 }])).toBeNull(); // an object
    expect(inlineParameters('SELECT $$text$$', [])).toBeNull(); // dollar quoting
    expect(inlineParameters('SELECT $2', [1])).toBeNull(); // a placeholder without a value
    expect(inlineParameters("SELECT E'\\''", [])).toBeNull(); // backslash escapes
    expect(inlineParameters("SELECT 'open", [])).toBeNull(); // an unterminated quote
    expect(inlineParameters('SELECT 1 /* $1 */', ['*/ x'])).toBeNull(); // a value could close a block comment
    expect(inlineParameters('SELECT $1', ['a\\b'])).toBe("SELECT  E'a\\\\b'"); // pg's escapeLiteral for a backslash
  });
});
