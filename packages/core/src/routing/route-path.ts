import type { RouteDefinition } from './route-definition.js';

/**
 * Joins a controller prefix and a route path into one full path. A route path
 * of `'/'` under a prefix means the prefix itself, as in NestJS, so
 * `@controller('/notes') @get('/')` answers `/notes`, not `/notes/`.
 */
export function joinPath(prefix: string, path: string): string {
  const joined = path === '/' && prefix !== '' ? prefix : `${prefix}${path}`;
  return joined === '' ? '/' : joined;
}

/**
 * The shape of a path with parameter names erased, so `/users/:id` and
 * `/users/:name` compare equal: two routes with one shape are ambiguous.
 */
export function describeShape(path: string, caseSensitive: boolean): string {
  const shape = path.replace(/:[A-Za-z0-9_]+/g, ':').replace(/\*[A-Za-z0-9_]*/g, '*');
  return caseSensitive ? shape : shape.toLowerCase();
}

/**
 * Ranks one path segment as path-to-regexp v8 reads it: a wildcard or an
 * optional group anywhere in the segment (`p*rest`, `public-*name`, `{.:ext}`)
 * ranks as a wildcard, a parameter anywhere (`x:id`) as a parameter. Ranking
 * only a leading `*` let `/admin/p*rest` sort before, and shadow, `/admin/panel`
 * (red-team round 2, finding 1). A backslash escapes the next character.
 */
const BARE_PARAMETER = /^:[A-Za-z0-9_]+$/;
const MIXED_PARAMETER = 0.5;

function rankSegment(segment: string): number {
  let rank = 0;

  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];

    if (char === '\\') index++;
    else if (char === '*' || char === '{') return 2;
    else if (char === ':') rank = 1;
  }

  // A parameter with literal text around it (`:id.json`, `admin-:id`) takes
  // fewer values than a bare one, so it is tried first.
  return rank === 1 && !BARE_PARAMETER.test(segment) ? MIXED_PARAMETER : rank;
}

/**
 * Whether a path is a plain literal: no parameter, wildcard, group or escape,
 * so the path string itself is a request path that must reach its own route.
 */
export function isLiteralPath(path: string): boolean {
  return !/[:*{}()[\]?+!\\]/.test(path);
}

/**
 * Orders routes so that the more specific one is tried first: segment by
 * segment, a literal beats a parameter, and a parameter beats a wildcard;
 * where one path's ranks are a prefix of the other's, the longer path comes
 * first. `GET /users/me` therefore wins over `GET /users/:id` whatever else is
 * declared. Explicit `HEAD` routes come before the implicit `HEAD` of a `GET`
 * route on the same path. The order is total, so `Array.prototype.sort` (which
 * is stable) gives the same table for any declaration order of distinct shapes.
 */
export function compareSpecificity(a: RouteDefinition, b: RouteDefinition): number {
  const left = a.path.split('/').map(rankSegment);
  const right = b.path.split('/').map(rankSegment);
  const shared = Math.min(left.length, right.length);

  for (let index = 0; index < shared; index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }

  if (left.length !== right.length) return right.length - left.length;

  return rankMethod(a.method) - rankMethod(b.method);
}

function rankMethod(method: string): number {
  if (method === 'HEAD') return 0;
  if (method === 'ALL') return 2;
  return 1;
}
