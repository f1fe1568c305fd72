/**
 * A tiny method + path router. Patterns are literal segments and `:name`
 * parameters; the first added match wins, so add specific routes before general ones.
 */
export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
  /** `METHOD /pattern`, stable across ids: the key for per-endpoint request counts */
  route: string;
}

interface Route<T> {
  method: string;
  pattern: string;
  segments: string[];
  value: T;
}

export class Router<T> {
  private readonly routes: Route<T>[] = [];

  add(method: string, pattern: string, value: T): this {
    this.routes.push({ method: method.toUpperCase(), pattern, segments: split(pattern), value });
    return this;
  }

  /** The matching route, or whether the path exists under another method (→ 405). */
  match(method: string, path: string): RouteMatch<T> | { methodNotAllowed: true } | undefined {
    const parts = split(path);
    let pathExists = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method.toUpperCase()) {
        pathExists = true;
        continue;
      }
      return { value: route.value, params, route: `${route.method} ${route.pattern}` };
    }
    return pathExists ? { methodNotAllowed: true } : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] as string;
    const got = parts[i] as string;
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}
