import type { Container } from 'inversify';
import compose from 'koa-compose';
import type { Context, Middleware } from 'koa';

import { MethodNotAllowedError, NotFoundError } from '../errors.js';
import type { ResponseDeclaration } from '../decorators/response.js';
import { RESPONSE_KEY } from '../metadata/keys.js';
import { findMethodValue } from '../metadata/metadata-store.js';
import type { RouteDefinition } from '../routing/route-definition.js';
import { bindParams, bindPlainParams, isPlainBinding } from './bind-params.js';
import { getRouteResolution } from './route-resolution-stage.js';
import { writeResult } from './write-result.js';

/** What the handler stage needs from the application. */
export interface DispatchOptions {
  readonly container: Container;
  readonly bodyLimit: number;
  /** Route middleware for each route, already resolved. */
  readonly routeMiddleware: (route: RouteDefinition) => readonly Middleware[];
}

/**
 * Pipeline stages 5 and 6: runs the matched route's own middleware, then its
 * handler. Unmatched requests end here with 404 or 405.
 */
export function createDispatchStage(
  routes: readonly RouteDefinition[],
  options: DispatchOptions,
): Middleware {
  const chains = new Map<RouteDefinition, Middleware>();

  for (const route of routes) {
    const handler = createHandler(route, options);
    const middleware = options.routeMiddleware(route);
    // Without route middleware the handler runs directly, one promise fewer.
    chains.set(route, middleware.length === 0 ? handler : compose([...middleware, handler]));
  }

  return (ctx, next) => {
    const resolution = getRouteResolution(ctx);

    if (resolution.kind === 'not-found') throw new NotFoundError();

    if (resolution.kind === 'method-not-allowed') {
      throw new MethodNotAllowedError(resolution.allowedMethods);
    }

    const chain = chains.get(resolution.route) as Middleware;
    return chain(ctx, next) as Promise<void>;
  };
}

type Handler = (...args: unknown[]) => unknown;

function createHandler(route: RouteDefinition, options: DispatchOptions): Middleware {
  const declared = findMethodValue(route.controller, route.handlerName, RESPONSE_KEY) as
    ResponseDeclaration | undefined;
  const { container, bodyLimit } = options;
  const isPlain = isPlainBinding(route.params);

  return async (ctx: Context) => {
    const resolution = getRouteResolution(ctx);
    const params = resolution.kind === 'matched' ? resolution.params : {};
    const input = { ctx, params, bodyLimit };
    // Each await is a promise, and each promise costs an async hook on Node 20.
    const args = isPlain
      ? bindPlainParams(route.params, input)
      : await bindParams(route.params, input);
    const instance = container.get(route.controller);
    const handler = Reflect.get(instance, route.handlerName) as Handler;

    const returned = handler.apply(instance, args);
    const result: unknown =
      returned instanceof Promise ? await (returned as Promise<unknown>) : returned;

    writeResult(ctx, result, declared);
  };
}
