import type { MetadataKey } from '../metadata/metadata-key.js';
import {
  collectDeclarations,
  collectValues,
  findClassValue,
  findMethodValue,
  listClassKeys,
  listMethodKeys,
  type ClassOwner,
  type MethodName,
} from '../metadata/metadata-store.js';

/**
 * The extension metadata of one route. Values come from decorators on the
 * controller class (and its base classes) and on the method; the method's
 * value overrides the class's.
 */
export class RouteMetadata {
  readonly #owner: ClassOwner;
  readonly #method: MethodName;
  readonly #merged = new Map<symbol, unknown>();

  /** @internal Built by the route registry. */
  constructor(owner: ClassOwner, method: MethodName) {
    this.#owner = owner;
    this.#method = method;
  }

  /** The merged value for `key`: the method's if set, else the class's. */
  get<T>(key: MetadataKey<T>): T | undefined {
    // The table is frozen after start-up, so the merged value is computed once.
    if (!this.#merged.has(key.symbol)) {
      this.#merged.set(key.symbol, this.getMethodValue(key) ?? this.getClassValue(key));
    }

    return this.#merged.get(key.symbol) as T | undefined;
  }

  /** The value recorded on the class or its nearest base class declaring it. */
  getClassValue<T>(key: MetadataKey<T>): T | undefined {
    return findClassValue(this.#owner, key.symbol) as T | undefined;
  }

  /** The value recorded on the method itself (or its nearest base declaration). */
  getMethodValue<T>(key: MetadataKey<T>): T | undefined {
    return findMethodValue(this.#owner, this.#method, key.symbol) as T | undefined;
  }

  /**
   * Every value recorded for `key` on this route, for keys whose values add
   * up rather than override: the class chain (base class first), then the
   * method's declarations along the same chain.
   */
  collect<T>(key: MetadataKey<T>): T[] {
    const classValues = collectValues(this.#owner, key.symbol);
    const methodValues = collectValues(this.#owner, key.symbol, this.#method);

    return [...classValues, ...methodValues] as T[];
  }

  /**
   * The classes that recorded `key`, base class first, at class level or on
   * this route's method. Lets an extension judge an override by where each
   * value was declared (a subclass must not lift a base class's requirement).
   */
  findDeclaringClasses<T>(key: MetadataKey<T>, level: 'class' | 'method'): ClassOwner[] {
    const method = level === 'method' ? this.#method : undefined;
    return collectDeclarations(this.#owner, key.symbol, method).map((each) => each.owner);
  }

  /** Whether any level records a value for `key`. */
  has(key: MetadataKey<unknown>): boolean {
    return this.get(key) !== undefined;
  }

  /** Descriptions of every symbol recorded on the class or the method. */
  listSymbols(): symbol[] {
    const keys = listClassKeys(this.#owner);

    for (const key of listMethodKeys(this.#owner, this.#method)) keys.add(key);

    return [...keys];
  }
}
