import type { Container } from 'inversify';
import type { Middleware } from 'koa';

import { isMiddlewareClass, type RouteMiddleware } from '../decorators/use.js';
import { MIDDLEWARE_KEY } from '../metadata/keys.js';
import { getOwnClassValue, getOwnMethodValue, listClassChain } from '../metadata/metadata-store.js';
import type { RouteDefinition } from './route-definition.js';

/**
 * The `@use` entries of a route in run order: class level from the base class
 * down, then method level from the base declaration down.
 */
export function collectRouteMiddleware(route: RouteDefinition): RouteMiddleware[] {
  const chain = listClassChain(route.controller).reverse();
  const read = (value: unknown) => (value ?? []) as RouteMiddleware[];
  const classLevel = chain.flatMap((owner) => read(getOwnClassValue(owner, MIDDLEWARE_KEY)));
  const methodLevel = chain.flatMap((owner) =>
    read(getOwnMethodValue(owner, route.handlerName, MIDDLEWARE_KEY)),
  );

  return [...classLevel, ...methodLevel];
}

/**
 * Turns a route's `@use` entries into Koa middleware. Middleware classes are
 * bound (transient) when the container does not know them yet, and resolved
 * on every request, so they may depend on request-scoped services.
 */
export function resolveRouteMiddleware(route: RouteDefinition, container: Container): Middleware[] {
  return collectRouteMiddleware(route).map((entry) => {
    if (!isMiddlewareClass(entry)) return entry;

    if (!container.isBound(entry)) container.bind(entry).toSelf();

    return (ctx, next) => container.get(entry).use(ctx, next);
  });
}
