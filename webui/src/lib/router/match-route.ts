export type RouteParams = Readonly<Record<string, string>>;

/**
 * Matches a path against a pattern such as `/extensions/:id`.
 * Returns the decoded parameters, or null. A trailing slash is ignored.
 */
export function matchRoute(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(path);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const h = have[i] as string;
    if (w.startsWith(':')) {
      const value = safeDecode(h);
      if (value === null) return null;
      params[w.slice(1)] = value;
    } else if (w !== h) {
      return null;
    }
  }
  return params;
}

/** The first route whose pattern matches, with its parameters. */
export function findRoute<R extends { pattern: string }>(
  routes: readonly R[],
  path: string,
): { route: R; params: RouteParams } | null {
  for (const route of routes) {
    const params = matchRoute(route.pattern, path);
    if (params) return { route, params };
  }
  return null;
}

function segments(path: string): string[] {
  return path.split('/').filter((part) => part !== '');
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
