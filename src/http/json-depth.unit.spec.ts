import { nestsDeeperThan } from './json-depth';

const nested = (depth: number, wrap: (inner: unknown) => unknown): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = wrap(value);
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, and scalars as no depth', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
  });

  it('finds the one deep branch among shallow ones', () => {
    expect(nestsDeeperThan({ wide: Array.from({ length: 100 }, () => ({ x: 1 })), deep: nested(40, (v) => [v]) }, 32)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(
      nestsDeeperThan(
        nested(100_000, (v) => ({ a: v })),
        32,
      ),
    ).toBe(true);
    expect(
      nestsDeeperThan(
        nested(32, (v) => ({ a: v })),
        32,
      ),
    ).toBe(false);
  });
});
