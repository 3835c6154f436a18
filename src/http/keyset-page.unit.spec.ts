import { nextAfter } from './keyset-page';

describe('nextAfter', () => {
  const id = (item: { id: string }): string => item.id;

  it('is the last key of a full page and null for a shorter one', () => {
    expect(nextAfter([{ id: 'a' }, { id: 'b' }], 2, id)).toBe('b');
    expect(nextAfter([{ id: 'a' }], 2, id)).toBeNull();
    expect(nextAfter([], 2, id)).toBeNull();
  });
});
