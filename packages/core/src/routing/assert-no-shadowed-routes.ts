import { CoreError } from '../errors.js';
import { describeTarget } from '../metadata/decorator-target.js';
import type { RouteDefinition } from './route-definition.js';
import type { RouteMatcher } from './route-matcher.js';
import { isLiteralPath } from './route-path.js';

/**
 * Proves at startup that every literal route is reachable: its own path, sent
 * with its own method (`GET` for `ALL`), must resolve to it through the one
 * matcher the application dispatches with. This is the backstop behind
 * specificity ordering, so a pattern the ordering misjudges fails loudly
 * instead of silently shadowing a route (red-team round 2, finding 1).
 *
 * @param routes - the sorted route table
 * @param matcher - the matcher built from that table
 * @throws CoreError `ERR_CORE_DUPLICATE_ROUTE` naming the shadowed and the shadowing route
 */
export function assertNoShadowedRoutes(
  routes: readonly RouteDefinition[],
  matcher: RouteMatcher,
): void {
  for (const route of routes) {
    if (!isLiteralPath(route.path)) continue;

    const method = route.method === 'ALL' ? 'GET' : route.method;
    const resolution = matcher.resolve(route.path, method);

    if (resolution.kind === 'matched' && resolution.route !== route) {
      throwShadowed(route, resolution.route);
    }
  }
}

function throwShadowed(shadowed: RouteDefinition, winner: RouteDefinition): never {
  const lost = `${shadowed.id} (${describeRoute(shadowed)})`;
  const won = `${winner.id} (${describeRoute(winner)})`;
  const message =
    `Route ${lost} is shadowed by ${won}: requests for its path reach the other route; ` +
    `rename one or make the pattern narrower.`;

  throw new CoreError('ERR_CORE_DUPLICATE_ROUTE', message);
}

function describeRoute(route: RouteDefinition): string {
  return describeTarget(route.controller, route.handlerName);
}
