import { CoreError } from '../errors.js';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Wraps a request-scoped instance so that it only works inside the request
 * that created it. A singleton that captured it (the classic captive
 * dependency) then fails loudly on the next request instead of silently
 * serving one caller's state to another.
 *
 * Every read, write, reflection (`in`, `Object.keys`, property descriptors)
 * and every method call is checked. Methods come out as wrappers that check
 * on each call, so a method reference taken in one request fails in another;
 * they run against the instance itself, so `#private` fields work, and a
 * method that returns `this` hands out the guarded proxy, not the instance.
 * `instanceof` sees the real class.
 *
 * Not guarded: closures the class creates over its own `this` (a callback it
 * registers, an object it returns that holds `this`), since they never pass
 * through the proxy.
 *
 * @param isOwnerActive - whether the request that created the instance is the current one
 */
export function guardRequestScoped<T extends object>(
  instance: T,
  name: string,
  isOwnerActive: () => boolean,
): T {
  const check = (): void => {
    if (!isOwnerActive()) throwScopeLeak(name);
  };
  const wrappers = new WeakMap<AnyFunction, AnyFunction>();
  // Assigned right below; the wrappers only run after construction.
  let proxy = instance;
  const expose = (value: unknown): unknown => {
    if (value === instance) return proxy;
    if (typeof value !== 'function') return value;

    return wrapMethod(wrappers, value as AnyFunction, { instance, proxy, check });
  };

  proxy = new Proxy(instance, createHandler(instance, check, expose));
  return proxy;
}

function createHandler<T extends object>(
  instance: T,
  check: () => void,
  expose: (value: unknown) => unknown,
): ProxyHandler<T> {
  return {
    get(target, property) {
      check();
      const value: unknown = Reflect.get(target, property, target);
      return isFixed(target, property) ? value : expose(value);
    },
    getOwnPropertyDescriptor(target, property) {
      check();
      const descriptor = Reflect.getOwnPropertyDescriptor(target, property);

      if (descriptor === undefined || !('value' in descriptor)) return descriptor;
      if (isFixed(target, property)) return descriptor;

      return { ...descriptor, value: expose(descriptor.value) };
    },
    set(target, property, value) {
      check();
      return Reflect.set(target, property, value, instance);
    },
    ...createCheckedTraps(check),
  };
}

/** Traps that only check, then do what the instance would do. */
function createCheckedTraps<T extends object>(check: () => void): ProxyHandler<T> {
  return {
    has(target, property) {
      check();
      return Reflect.has(target, property);
    },
    ownKeys(target) {
      check();
      return Reflect.ownKeys(target);
    },
    defineProperty(target, property, descriptor) {
      check();
      return Reflect.defineProperty(target, property, descriptor);
    },
    deleteProperty(target, property) {
      check();
      return Reflect.deleteProperty(target, property);
    },
    setPrototypeOf(target, prototype) {
      check();
      return Reflect.setPrototypeOf(target, prototype);
    },
    preventExtensions(target) {
      check();
      return Reflect.preventExtensions(target);
    },
  };
}

/**
 * A frozen own property must be reported as it is (a proxy invariant), so it
 * cannot be swapped for a wrapper.
 */
function isFixed(target: object, property: PropertyKey): boolean {
  const descriptor = Reflect.getOwnPropertyDescriptor(target, property);
  return descriptor?.configurable === false && descriptor.writable === false;
}

interface GuardedInstance {
  readonly instance: object;
  readonly proxy: object;
  readonly check: () => void;
}

function wrapMethod(
  cache: WeakMap<AnyFunction, AnyFunction>,
  method: AnyFunction,
  guarded: GuardedInstance,
): AnyFunction {
  const cached = cache.get(method);
  if (cached !== undefined) return cached;

  const { instance, proxy, check } = guarded;
  const toProxy = (value: unknown): unknown => (value === instance ? proxy : value);
  const wrapper = (...args: unknown[]): unknown => {
    check();
    const result = Reflect.apply(method, instance, args);

    return result instanceof Promise ? result.then(toProxy) : toProxy(result);
  };

  cache.set(method, wrapper);
  return wrapper;
}

function throwScopeLeak(name: string): never {
  const message =
    `${name} is request-scoped but was used outside the request that created it; ` +
    'it was probably injected into a singleton. Bind the consumer transient or ' +
    'request-scoped, or read per-request values through REQUEST_CONTEXT.';

  throw new CoreError('ERR_CORE_SCOPE_LEAK', message);
}
