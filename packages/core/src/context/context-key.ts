/**
 * A typed slot for one per-request value (the caller's identity, a tenant, a
 * transaction). Create one per concept with {@link createContextKey}.
 */
export interface ContextKey<T> {
  readonly symbol: symbol;
  readonly description: string;
  /** Phantom field that carries `T`; never set. */
  readonly type?: T;
}

/**
 * Declares a per-request value slot.
 *
 * @example
 * ```ts
 * const TENANT = createContextKey<string>('tenant');
 * RequestContext.current().set(TENANT, 'acme');
 * ```
 */
export function createContextKey<T>(description: string): ContextKey<T> {
  return Object.freeze({ symbol: Symbol(description), description });
}
