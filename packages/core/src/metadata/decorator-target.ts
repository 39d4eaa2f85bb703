import type { ClassOwner, MethodName } from './metadata-store.js';

/** Where a decorator was placed: a class, or one instance method of a class. */
export interface DecoratorTarget {
  readonly owner: ClassOwner;
  readonly method: MethodName | undefined;
}

/**
 * Normalises the arguments TypeScript passes to a class or method decorator.
 * Decorators on static members are refused: routes live on instances.
 */
export function resolveDecoratorTarget(
  target: object,
  propertyKey: MethodName | undefined,
  decorator: string,
): DecoratorTarget {
  if (propertyKey === undefined) {
    if (typeof target !== 'function') {
      throw new TypeError(`${decorator} must decorate a class or an instance method.`);
    }

    return { owner: target, method: undefined };
  }

  if (typeof target === 'function') {
    const name = `${target.name}.${String(propertyKey)}`;
    throw new TypeError(`${decorator} cannot decorate the static member ${name}.`);
  }

  return { owner: target.constructor, method: propertyKey };
}

/** `Class.method` or `Class`, for messages. */
export function describeTarget(owner: ClassOwner, method?: MethodName): string {
  return method === undefined ? owner.name : `${owner.name}.${String(method)}`;
}
