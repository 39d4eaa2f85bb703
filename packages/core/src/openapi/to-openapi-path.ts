/**
 * Converts a `@koa/router` path to OpenAPI template syntax: `/notes/:id`
 * becomes `/notes/{id}` and a named wildcard `*rest` becomes `{rest}`.
 */
export function toOpenApiPath(path: string): string {
  return path.replace(/[:*]([A-Za-z0-9_]+)/g, '{$1}');
}

/** The names of a path's parameters, in order. */
export function listPathParams(path: string): string[] {
  return [...path.matchAll(/[:*]([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}
