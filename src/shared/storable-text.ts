/**
 * Text that PostgreSQL's jsonb can hold. jsonb refuses NUL (22P05) and a UTF-16 surrogate
 * without its partner (22P02), and both turn up in text taken from web pages (a script-written
 * error message, a cut made in the middle of an emoji). One refused string makes the whole
 * append fail, so text from outside loses them where it enters the domain.
 */

// No `u` flag: the pattern must see code units to find a surrogate that lost its partner.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');
const ELLIPSIS = '…';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text without NUL and without lone surrogates; everything else is kept as it was. */
export function storableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '');
}

/**
 * Storable text of at most `limit` code points, cut on a code point (never inside a surrogate
 * pair) and ending in an ellipsis when it was cut.
 */
export function clipText(text: string, limit: number): string {
  const clean = storableText(text);
  // A code point is at most two code units: a string this short needs no counting.
  if (clean.length <= limit) return clean;
  const points = Array.from(clean);
  if (points.length <= limit) return clean;
  return `${points.slice(0, Math.max(0, limit - 1)).join('')}${ELLIPSIS}`;
}

/**
 * Where a value holds text jsonb would refuse: a JSON path (`$.a[0].b`, a key counts too) and
 * what is wrong there, or null when every string in it is storable.
 */
export function findUnstorableText(value: unknown, path = '$'): { readonly path: string; readonly problem: string } | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { path, problem: describeProblem(value) };
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnstorableText(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return { path: `${path} (a key)`, problem: describeProblem(key) };
    const found = findUnstorableText(inner, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function describeProblem(text: string): string {
  const match = UNSTORABLE.exec(text)?.[0] ?? '';
  if (match === '\u0000') return 'a NUL character (U+0000)';
  const code = match.charCodeAt(0).toString(16).toUpperCase();
  return `a lone UTF-16 surrogate (U+${code}) without its partner`;
}
