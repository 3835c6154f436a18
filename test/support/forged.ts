/**
 * A value the types forbid, for tests of the runtime guards behind them (an unknown event in a
 * stored log, a null from a caller in plain JavaScript). One named place for that deliberate lie.
 */
export function forged<T>(value: unknown): T {
  return value as T;
}
