/** The `after` of the next page: the last item's key when this page came back full, null on the last page. */
export function nextAfter<T>(page: readonly T[], limit: number, keyOf: (item: T) => string): string | null {
  const last = page.length === limit ? page.at(-1) : undefined;
  return last === undefined ? null : keyOf(last);
}
