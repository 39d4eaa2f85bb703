import type { ServiceIdentifier } from 'inversify';

import { guardRequestScoped } from './guard-request-scoped.js';

interface ScopedInstance {
  /** What consumers get: guarded when the instance is an object. */
  readonly exposed: unknown;
  /** The instance itself, disposed after the response. */
  readonly instance: unknown;
}

/**
 * The instances of request-scoped services for one HTTP request. Created only
 * when the request first resolves such a service, disposed after the response.
 */
export class RequestScope {
  readonly #instances = new Map<ServiceIdentifier, ScopedInstance>();
  readonly #isActive: () => boolean;
  #disposables = 0;

  /**
   * @internal Created by the request context on first use.
   * @param isActive - whether the owning request is the one in progress
   */
  constructor(isActive: () => boolean) {
    this.#isActive = isActive;
  }

  /**
   * Returns this request's instance for `id`, creating it with `create` once.
   * An object instance comes wrapped so that it throws `ERR_CORE_SCOPE_LEAK`
   * when used from any other request.
   */
  resolve<T>(id: ServiceIdentifier<T>, create: () => T): T {
    const existing = this.#instances.get(id);

    if (existing !== undefined) return existing.exposed as T;

    const instance = create();
    const exposed = isObject(instance)
      ? guardRequestScoped(instance, describeId(id), this.#isActive)
      : instance;

    this.#instances.set(id, { exposed, instance });
    if (findDisposer(instance) !== undefined) this.#disposables++;

    return exposed;
  }

  /** Whether any instance has a disposer, so that {@link dispose} has work to do. */
  get hasDisposables(): boolean {
    return this.#disposables > 0;
  }

  /**
   * Calls `[Symbol.asyncDispose]`, `[Symbol.dispose]` or `dispose()` on every
   * instance, newest first. A failing disposer does not stop the others.
   */
  async dispose(): Promise<void> {
    const instances = [...this.#instances.values()].map((each) => each.instance).reverse();
    this.#instances.clear();
    this.#disposables = 0;

    const results = await Promise.allSettled(instances.map((each) => disposeOne(each)));
    const failure = results.find((each) => each.status === 'rejected');

    if (failure !== undefined) throw failure.reason;
  }
}

async function disposeOne(instance: unknown): Promise<void> {
  const dispose = findDisposer(instance);

  if (dispose !== undefined) await dispose.call(instance);
}

function findDisposer(instance: unknown): (() => unknown) | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined;

  const disposable = instance as Partial<Record<symbol | 'dispose', unknown>>;
  const dispose =
    disposable[Symbol.asyncDispose] ?? disposable[Symbol.dispose] ?? disposable.dispose;

  return typeof dispose === 'function' ? (dispose as () => unknown) : undefined;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function describeId(id: ServiceIdentifier): string {
  return typeof id === 'function' ? id.name : String(id);
}
