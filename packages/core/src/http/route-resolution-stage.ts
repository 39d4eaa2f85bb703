import type { Context, Middleware } from 'koa';

import type { RouteMatcher, RouteResolution } from '../routing/route-matcher.js';

const RESOLUTION = Symbol('portico:route-resolution');

type WithResolution = Record<typeof RESOLUTION, RouteResolution | undefined>;

/**
 * The route the request was matched to, or why none was. Every middleware
 * that needs to know the route (authentication first of all) reads it here:
 * it is the very match the handler is dispatched from.
 *
 * @throws TypeError when called before the route resolution stage ran
 */
export function getRouteResolution(ctx: Context): RouteResolution {
  const resolution = (ctx as unknown as WithResolution)[RESOLUTION];

  if (resolution === undefined) {
    throw new TypeError('getRouteResolution() needs a context that went through Portico.');
  }

  return resolution;
}

/** Pipeline stage 3: matches the request once and records the result on `ctx`. */
export function createRouteResolutionStage(matcher: RouteMatcher): Middleware {
  return (ctx, next) => {
    (ctx as unknown as WithResolution)[RESOLUTION] = matcher.resolve(ctx.path, ctx.method);
    return next();
  };
}
