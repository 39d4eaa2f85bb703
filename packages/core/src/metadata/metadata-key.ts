import {
  setOwnClassValue,
  setOwnMethodValue,
  getOwnClassValue,
  getOwnMethodValue,
} from './metadata-store.js';
import { resolveDecoratorTarget } from './decorator-target.js';

/**
 * A typed key under which a decorator records a value on a class or a method.
 * Create one with {@link createMetadataKey}; read the merged value of a route
 * with `route.metadata.get(key)`.
 */
export interface MetadataKey<T> {
  /** The symbol the value is stored under. */
  readonly symbol: symbol;
  /** A readable name, used in error messages and the route table. */
  readonly description: string;
  /** Combines two decorators stacked on the same target; the later one wins by default. */
  readonly combine: (earlier: T, later: T) => T;
  /** The identity of the plugin that enforces this metadata, if any. */
  readonly plugin: symbol | undefined;
}

/** What start-up checks need to know of a key, whatever its value type. */
export type MetadataKeyInfo = Pick<MetadataKey<unknown>, 'symbol' | 'description' | 'plugin'>;

const KEYS_BY_SYMBOL = new Map<symbol, MetadataKeyInfo>();

/** @internal The key created for `symbol`, if {@link createMetadataKey} made it. */
export function findMetadataKey(symbol: symbol): MetadataKeyInfo | undefined {
  return KEYS_BY_SYMBOL.get(symbol);
}

/** Options of {@link createMetadataKey}. */
export interface MetadataKeyOptions<T> {
  /**
   * How two decorators with this key stacked on one target combine. Without it,
   * stacking the same key twice on one target is a definition error.
   */
  readonly combine?: (earlier: T, later: T) => T;
  /**
   * The identity (`PorticoPlugin.id`) of the plugin that acts on this
   * metadata. An application whose routes carry the key but whose `use` lacks
   * a plugin with that id fails at start-up. A symbol, not a name, so that no
   * other plugin can stand in for the enforcing one by accident,
   * so a security marker can never be silently ignored.
   */
  readonly plugin?: symbol;
}

/**
 * Declares a metadata key for an extension (auth, caching, rate limits …).
 *
 * @param description - a readable name such as `'auth:roles'`
 * @example
 * ```ts
 * const RATE_LIMIT = createMetadataKey<number>('rate-limit');
 * export const rateLimit = (perMinute: number) => createMetadataDecorator(RATE_LIMIT, perMinute);
 * ```
 */
export function createMetadataKey<T>(
  description: string,
  options: MetadataKeyOptions<T> = {},
): MetadataKey<T> {
  if (description.length === 0) {
    throw new TypeError('createMetadataKey: "description" must be a non-empty string.');
  }

  const combine = options.combine ?? rejectStacking(description);
  const key = Object.freeze({
    symbol: Symbol(description),
    description,
    combine,
    plugin: options.plugin,
  });

  KEYS_BY_SYMBOL.set(key.symbol, key);
  return key;
}

function rejectStacking<T>(description: string): (earlier: T, later: T) => T {
  return () => {
    throw new TypeError(`@${description} may appear only once on the same class or method.`);
  };
}

/**
 * Returns a decorator that records `value` under `key`, usable on a class (for
 * all its routes) or on a method (for that route, overriding the class).
 *
 * @throws TypeError when used on a static member or a property
 */
export function createMetadataDecorator<T>(
  key: MetadataKey<T>,
  value: T,
): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol): void => {
    const resolved = resolveDecoratorTarget(target, propertyKey, `@${key.description}`);

    if (resolved.method === undefined) {
      const earlier = getOwnClassValue(resolved.owner, key.symbol) as T | undefined;
      const next = earlier === undefined ? value : key.combine(earlier, value);
      setOwnClassValue(resolved.owner, key.symbol, next);
      return;
    }

    const earlier = getOwnMethodValue(resolved.owner, resolved.method, key.symbol) as T | undefined;
    const next = earlier === undefined ? value : key.combine(earlier, value);
    setOwnMethodValue(resolved.owner, resolved.method, key.symbol, next);
  };
}
