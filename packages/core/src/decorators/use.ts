import type { Newable } from 'inversify';
import type { Context, Middleware, Next } from 'koa';

import { MIDDLEWARE_KEY } from '../metadata/keys.js';
import { resolveDecoratorTarget } from '../metadata/decorator-target.js';
import {
  getOwnClassValue,
  getOwnMethodValue,
  setOwnClassValue,
  setOwnMethodValue,
} from '../metadata/metadata-store.js';

/** A middleware class: resolved from the container on each request, then `use` is called. */
export interface MiddlewareClass {
  use(ctx: Context, next: Next): unknown;
}

/** What `@use` accepts: plain Koa middleware or a {@link MiddlewareClass} to resolve. */
export type RouteMiddleware = Middleware | Newable<MiddlewareClass>;

/**
 * Adds route middleware to every route of a class or to one method. Class
 * middleware runs before method middleware; base classes before subclasses;
 * within one target, in the order written.
 *
 * @example
 * ```ts
 * @use(AuditMiddleware)
 * @controller('/notes')
 * class NotesController {
 *   @use(rateLimit(10)) @post('/') create() { … }
 * }
 * ```
 */
export function use(...middleware: readonly RouteMiddleware[]): ClassDecorator & MethodDecorator {
  middleware.forEach(assertRouteMiddleware);

  return (target: object, propertyKey?: string | symbol): void => {
    const { owner, method } = resolveDecoratorTarget(target, propertyKey, '@use');
    const earlier = (
      method === undefined
        ? getOwnClassValue(owner, MIDDLEWARE_KEY)
        : getOwnMethodValue(owner, method, MIDDLEWARE_KEY)
    ) as RouteMiddleware[] | undefined;
    // Decorators apply bottom-up; prepending keeps the written top-down order.
    const next = [...middleware, ...(earlier ?? [])];

    if (method === undefined) setOwnClassValue(owner, MIDDLEWARE_KEY, next);
    else setOwnMethodValue(owner, method, MIDDLEWARE_KEY, next);
  };
}

function assertRouteMiddleware(entry: unknown): void {
  if (typeof entry !== 'function') {
    throw new TypeError('@use: each argument must be a Koa middleware or a middleware class.');
  }
}

/** Whether a `@use` entry is a class to resolve rather than plain middleware. */
export function isMiddlewareClass(entry: RouteMiddleware): entry is Newable<MiddlewareClass> {
  const prototype = (entry as { prototype?: Partial<MiddlewareClass> }).prototype;
  return typeof prototype?.use === 'function';
}
