import { ROUTES_KEY } from '../metadata/keys.js';
import { resolveDecoratorTarget } from '../metadata/decorator-target.js';
import { getOwnMethodValue, setOwnMethodValue } from '../metadata/metadata-store.js';

/** The HTTP methods a route decorator can declare. `ALL` stands for every method. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ALL';

/** What one route decorator records on a method. */
export interface RouteDeclaration {
  readonly method: HttpMethod;
  readonly paths: readonly string[];
}

/** A method decorator that declares a route. */
export type RouteDecorator = (path?: string | readonly string[]) => MethodDecorator;

function createRouteDecorator(method: HttpMethod): RouteDecorator {
  const name = method === 'DELETE' ? '@del' : `@${method.toLowerCase()}`;

  return (path = '') => {
    const paths = typeof path === 'string' ? [path] : [...path];
    paths.forEach((each) => {
      assertRoutePath(each, name);
    });

    return (target, propertyKey) => {
      const { owner, method: methodName } = resolveDecoratorTarget(target, propertyKey, name);
      const key = methodName ?? propertyKey;
      const earlier = getOwnMethodValue(owner, key, ROUTES_KEY) as RouteDeclaration[] | undefined;
      const declaration: RouteDeclaration = Object.freeze({ method, paths: Object.freeze(paths) });

      setOwnMethodValue(owner, key, ROUTES_KEY, [...(earlier ?? []), declaration]);
    };
  };
}

function assertRoutePath(path: string, decorator: string): void {
  if (path !== '' && !path.startsWith('/')) {
    throw new TypeError(`${decorator}: a route path must be '' or start with "/", got "${path}".`);
  }
}

/**
 * Declares a `GET` route. `HEAD` requests are answered by `GET` routes too.
 *
 * @param path - one path or several, relative to the controller prefix
 * @example
 * ```ts
 * @get('/:id') find(@param('id') id: number) { … }
 * ```
 */
export const get: RouteDecorator = createRouteDecorator('GET');
/** Declares a `POST` route. */
export const post: RouteDecorator = createRouteDecorator('POST');
/** Declares a `PUT` route. */
export const put: RouteDecorator = createRouteDecorator('PUT');
/** Declares a `PATCH` route. */
export const patch: RouteDecorator = createRouteDecorator('PATCH');
/** Declares a `DELETE` route (`delete` is a reserved word). */
export const del: RouteDecorator = createRouteDecorator('DELETE');
/** Declares a `HEAD` route, which takes precedence over the implicit one of `GET`. */
export const head: RouteDecorator = createRouteDecorator('HEAD');
/** Declares an `OPTIONS` route. */
export const options: RouteDecorator = createRouteDecorator('OPTIONS');
/** Declares a route that answers every method. */
export const all: RouteDecorator = createRouteDecorator('ALL');
