/**
 * `items.map(fn)` for an async `fn` whose calls must not overlap: each waits for the one before, so
 * statements inside one transaction run in the items' order (an import's hash chain, a dataset's
 * ids) exactly as a synchronous loop ran them.
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (const [index, item] of items.entries()) out.push(await fn(item, index));
  return out;
}
