import { clipText, findUnstorableText, isStorableText, storableText } from './storable-text';

describe('storable text', () => {
  it('drops NUL and lone surrogates, keeps pairs and everything else', () => {
    expect(storableText('a\u0000b')).toBe('ab');
    expect(storableText('x\ud83d')).toBe('x');
    expect(storableText('\ude00x')).toBe('x');
    expect(storableText('\ud83d\ud83d\ude00')).toBe('😀');
    expect(storableText('tab\there ü 😀 \u0007')).toBe('tab\there ü 😀 \u0007');
    expect(isStorableText('😀')).toBe(true);
    expect(isStorableText('\u0000')).toBe(false);
  });

  it('clips on code points, with an ellipsis only when it cut', () => {
    expect(clipText('abc', 3)).toBe('abc');
    expect(clipText('abcd', 3)).toBe('ab…');
    expect(clipText('a😀', 2)).toBe('a😀');
    expect(clipText('ab😀c', 3)).toBe('ab…');
    expect(clipText('a😀cd', 3)).toBe('a😀…');
    expect(clipText('😀😀😀', 3)).toBe('😀😀😀');
    expect(clipText('a\u0000b', 2)).toBe('ab');
  });

  it('finds the path of the first string jsonb would refuse', () => {
    expect(findUnstorableText({ a: [1, 'ok', { b: 'x\u0000' }] })).toEqual({ path: '$.a[2].b', problem: 'a NUL character (U+0000)' });
    expect(findUnstorableText({ ['k\ud800']: 1 })?.path).toBe('$ (a key)');
    expect(findUnstorableText({ a: ['😀', null, 3] })).toBeNull();
  });
});
