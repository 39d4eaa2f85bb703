import { CoreError } from '../errors.js';

/**
 * Wraps a request-scoped instance so that it only works inside the request
 * that created it. A singleton that captured it (the classic captive
 * dependency) then fails loudly on the next request instead of silently
 * serving one caller's state to another.
 *
 * Methods run against the instance itself, so `#private` fields work, and
 * `instanceof` sees the real class.
 *
 * @param isOwnerActive - whether the request that created the instance is the current one
 */
export function guardRequestScoped<T extends object>(
  instance: T,
  name: string,
  isOwnerActive: () => boolean,
): T {
  const bound = new WeakMap<object, unknown>();
  const check = (): void => {
    if (!isOwnerActive()) throwScopeLeak(name);
  };

  return new Proxy(instance, {
    get(target, property) {
      check();
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? bindOnce(bound, value as AnyFunction, target) : value;
    },
    set(target, property, value) {
      check();
      return Reflect.set(target, property, value, target);
    },
    deleteProperty(target, property) {
      check();
      return Reflect.deleteProperty(target, property);
    },
  });
}

type AnyFunction = (...args: unknown[]) => unknown;

function bindOnce(cache: WeakMap<object, unknown>, method: AnyFunction, target: object): unknown {
  let bound = cache.get(method);

  if (bound === undefined) {
    bound = method.bind(target);
    cache.set(method, bound);
  }

  return bound;
}

function throwScopeLeak(name: string): never {
  const message =
    `${name} is request-scoped but was used outside the request that created it; ` +
    'it was probably injected into a singleton. Bind the consumer transient or ' +
    'request-scoped, or read per-request values through REQUEST_CONTEXT.';

  throw new CoreError('ERR_CORE_SCOPE_LEAK', message);
}
