/**
 * `Array.isArray` for values typed as readonly arrays that may still be anything at run time (callers
 * outside TypeScript, fuzzed input): `Array.isArray` would narrow them to `any[]` and lose the element type.
 */
export function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
