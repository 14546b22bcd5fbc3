type Params = Record<string, string | string[] | undefined>;

/** The page's own URL (path and query as received), to come back to after signing in. */
export function pathWithParams(path: string, params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of [value].flat()) if (typeof v === 'string') search.append(key, v);
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
