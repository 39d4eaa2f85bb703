/**
 * Where decorators record what they declare. Values are kept per class in
 * WeakMaps, never on the class itself, so a subclass's decorators cannot
 * change what its base class or a sibling sees.
 */

/** A class constructor, the owner of recorded metadata. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any class qualifies
export type ClassOwner = Function;

/** A method name as TypeScript hands it to a method decorator. */
export type MethodName = string | symbol;

const classLevel = new WeakMap<ClassOwner, Map<symbol, unknown>>();
const methodLevel = new WeakMap<ClassOwner, Map<MethodName, Map<symbol, unknown>>>();

function ownClassValues(owner: ClassOwner): Map<symbol, unknown> {
  let values = classLevel.get(owner);

  if (values === undefined) {
    values = new Map();
    classLevel.set(owner, values);
  }

  return values;
}

function ownMethodValues(owner: ClassOwner, method: MethodName): Map<symbol, unknown> {
  let methods = methodLevel.get(owner);

  if (methods === undefined) {
    methods = new Map();
    methodLevel.set(owner, methods);
  }

  let values = methods.get(method);

  if (values === undefined) {
    values = new Map();
    methods.set(method, values);
  }

  return values;
}

/** Reads a value recorded on `owner` itself, ignoring base classes. */
export function getOwnClassValue(owner: ClassOwner, key: symbol): unknown {
  return classLevel.get(owner)?.get(key);
}

/** Records a value on `owner` itself. */
export function setOwnClassValue(owner: ClassOwner, key: symbol, value: unknown): void {
  ownClassValues(owner).set(key, value);
}

/** Reads a value recorded on one method of `owner` itself. */
export function getOwnMethodValue(owner: ClassOwner, method: MethodName, key: symbol): unknown {
  return methodLevel.get(owner)?.get(method)?.get(key);
}

/** Records a value on one method of `owner` itself. */
export function setOwnMethodValue(
  owner: ClassOwner,
  method: MethodName,
  key: symbol,
  value: unknown,
): void {
  ownMethodValues(owner, method).set(key, value);
}

/** Names of the methods of `owner` itself that carry any recorded value. */
export function listOwnMethods(owner: ClassOwner): MethodName[] {
  return [...(methodLevel.get(owner)?.keys() ?? [])];
}

/** `owner` and its base classes, nearest first, up to but excluding `Object`. */
export function listClassChain(owner: ClassOwner): ClassOwner[] {
  const chain: ClassOwner[] = [];

  for (let current: unknown = owner; isUserClass(current);) {
    chain.push(current);
    current = Object.getPrototypeOf(current);
  }

  return chain;
}

function isUserClass(value: unknown): value is ClassOwner {
  return typeof value === 'function' && value !== Function.prototype;
}

/** The nearest class-level value for `key` in the chain of `owner`. */
export function findClassValue(owner: ClassOwner, key: symbol): unknown {
  for (const current of listClassChain(owner)) {
    const value = getOwnClassValue(current, key);

    if (value !== undefined) {
      return value;
    }
  }

  return undefined;
}

/** The nearest method-level value for `key` on `method` in the chain of `owner`. */
export function findMethodValue(owner: ClassOwner, method: MethodName, key: symbol): unknown {
  for (const current of listClassChain(owner)) {
    const value = getOwnMethodValue(current, method, key);

    if (value !== undefined) {
      return value;
    }
  }

  return undefined;
}

/** All keys recorded at class level anywhere in the chain of `owner`. */
export function listClassKeys(owner: ClassOwner): Set<symbol> {
  const keys = new Set<symbol>();

  for (const current of listClassChain(owner)) {
    for (const key of classLevel.get(current)?.keys() ?? []) keys.add(key);
  }

  return keys;
}

/** All keys recorded on `method` anywhere in the chain of `owner`. */
export function listMethodKeys(owner: ClassOwner, method: MethodName): Set<symbol> {
  const keys = new Set<symbol>();

  for (const current of listClassChain(owner)) {
    for (const key of methodLevel.get(current)?.get(method)?.keys() ?? []) keys.add(key);
  }

  return keys;
}

/**
 * Every value recorded for `key` along the chain of `owner`, base class
 * first: at class level, or on `method` when it is given.
 */
export function collectValues(owner: ClassOwner, key: symbol, method?: MethodName): unknown[] {
  return collectDeclarations(owner, key, method).map((each) => each.value);
}

/** One recorded value and the class that recorded it. */
export interface Declaration {
  readonly owner: ClassOwner;
  readonly value: unknown;
}

/** Like {@link collectValues}, with the class that recorded each value. */
export function collectDeclarations(
  owner: ClassOwner,
  key: symbol,
  method?: MethodName,
): Declaration[] {
  const declarations: Declaration[] = [];

  for (const current of listClassChain(owner).reverse()) {
    const value =
      method === undefined
        ? getOwnClassValue(current, key)
        : getOwnMethodValue(current, method, key);

    if (value !== undefined) declarations.push({ owner: current, value });
  }

  return declarations;
}
