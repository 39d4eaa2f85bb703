import { Router, type Layer } from '@koa/router';

import type { RouteDefinition } from './route-definition.js';
import type { RouteMatchingOptions } from './route-registry.js';

/** The outcome of matching one request against the route table. */
export type RouteResolution =
  | {
      readonly kind: 'matched';
      readonly route: RouteDefinition;
      readonly params: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'method-not-allowed'; readonly allowedMethods: readonly string[] }
  | { readonly kind: 'not-found' };

const NOT_FOUND: RouteResolution = Object.freeze({ kind: 'not-found' });

/**
 * The one matcher of an application. Dispatch, authentication and every other
 * middleware read the {@link RouteResolution} it produced for the request, so
 * no component can disagree about which route a request reaches.
 *
 * Matching is delegated to `@koa/router` layers compiled with the options
 * below; `HEAD` requests match `GET` routes.
 */
export class RouteMatcher {
  readonly #router: Router;
  readonly #routes = new Map<Layer, RouteDefinition>();

  constructor(routes: readonly RouteDefinition[], options: RouteMatchingOptions = {}) {
    this.#router = new Router({
      sensitive: options.caseSensitive ?? true,
      strict: options.strictTrailingSlash ?? true,
    });

    for (const route of routes) {
      const methods = route.method === 'ALL' ? this.#router.methods : [route.method];
      const layer = this.#router.register(route.path, methods, noop) as Layer;
      this.#routes.set(layer, route);
    }
  }

  /**
   * Matches a raw (still percent-encoded) request path and method.
   *
   * @param path - `ctx.path`, as Koa parsed it from the request target
   * @param method - the request method, upper case
   */
  resolve(path: string, method: string): RouteResolution {
    const result = this.#router.match(path, method);
    const layer = result.pathAndMethod.find((each) => each.methods.length > 0);

    if (layer !== undefined) {
      const route = this.#routes.get(layer) as RouteDefinition;
      const params = layer.params(path, layer.captures(path), {});
      return { kind: 'matched', route, params: Object.freeze(params) };
    }

    if (result.path.length === 0) {
      return NOT_FOUND;
    }

    const allowedMethods = [...new Set(result.path.flatMap((each) => each.methods))];
    return { kind: 'method-not-allowed', allowedMethods };
  }
}

function noop(): void {
  // Layers only match here; the application dispatches from the resolution.
}
